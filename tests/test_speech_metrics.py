"""What a spoken take measures, proven on espeak-ng speech with silences of known length.

Every take here is built by ``tests/speech_fixtures.py``: sentences read by espeak-ng, trimmed
to their audible part, joined by silences we chose, then delivered as the browser would
(webm/opus like Chromium, ogg/opus like Firefox) or as WAV. The answers are known by
construction, so each figure is checked against what was put in, within a stated tolerance.

Tolerances, and why:
- duration within 0.1 s: opus works in 20-60 ms packets and its encoder delay is trimmed on
  decoding, so the length can move by a packet at most;
- a pause's length and start within 0.25 s: the edges of speech are found in 30 ms frames, and a
  word's soft first or last sound (an "f", a trailing breath) can fall under the threshold for
  a few frames on either side.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.speech_fixtures import (
    ESPEAK,
    ESPEAK_MISSING,
    SENTENCES,
    Take,
    build_take,
    encode,
    encode_wav,
)
from tests.speech_fixtures import synthesise as synthesise_sentence
from widgets import speech

WEBM = "audio/webm;codecs=opus"
OGG = "audio/ogg;codecs=opus"
WAV = "audio/wav"

INSERTED = [0.5, 3.5, 5.0]  # between the four sentences: a breath, and two long pauses
LEAD_S, TAIL_S = 1.0, 2.0  # before the first word and after the last: not pauses
DURATION_TOLERANCE_S = 0.1
PAUSE_TOLERANCE_S = 0.25
SHARE_TOLERANCE = 0.05


@pytest.fixture(scope="session")
def sentences(tmp_path_factory) -> tuple[list[np.ndarray], int]:
    """espeak-ng's reading of the four sentences, synthesised once for the whole run."""
    if ESPEAK is None:
        pytest.skip(ESPEAK_MISSING)
    folder = tmp_path_factory.mktemp("espeak")
    read = [synthesise_sentence(text, folder) for text in SENTENCES]
    rates = {rate for _, rate in read}
    assert len(rates) == 1
    return [samples for samples, _ in read], rates.pop()


@pytest.fixture(scope="session")
def answer(sentences) -> Take:
    """About 28 s: four sentences, the inserted silences, a lead-in and a tail, and steady
    noise at -50 dBFS under everything (a quiet room), so the threshold has a floor to find."""
    spoken, rate = sentences
    return build_take(spoken, rate, INSERTED, LEAD_S, TAIL_S, noise_dbfs=-50)


@pytest.fixture(scope="session")
def delivered(answer) -> dict[str, bytes]:
    """The answer as each format delivers it, encoded once."""
    return {mime: encode(answer, mime) for mime in (WAV, WEBM, OGG)}


@pytest.fixture(scope="session")
def measured(delivered) -> dict[str, speech.SpeechMetrics]:
    """The answer measured in each format, with a 20-second time box."""
    return {mime: speech.measure(speech.decode(data, mime), 20) for mime, data in delivered.items()}


def _pause_starts(spoken: list[np.ndarray], rate: int) -> list[float]:
    """Where each inserted silence begins: after the lead-in and the sentences before it."""
    starts, at = [], LEAD_S
    # Three silences between four sentences: none after the last one.
    for samples, silence in zip(spoken, INSERTED, strict=False):
        at += len(samples) / rate
        starts.append(at)
        at += silence
    return starts


@pytest.mark.parametrize("mime", [WAV, WEBM, OGG])
def test_duration_and_every_inserted_pause_are_found(mime, measured, answer, sentences):
    """Each inserted silence is found once, at its place and length; the lead-in and the tail
    are in the duration but are not pauses; no other pause is as long as the shortest inserted
    one (espeak's gaps between words are bridged as speaking)."""
    metrics = measured[mime]
    assert metrics.duration_s == pytest.approx(answer.seconds, abs=DURATION_TOLERANCE_S)
    assert answer.seconds == pytest.approx(LEAD_S + TAIL_S + sum(INSERTED) + answer.speech_s)
    found = list(metrics.pauses)
    for inserted, starts_at in zip(INSERTED, _pause_starts(*sentences), strict=True):
        near = [p for p in found if abs(p.start_s - starts_at) <= PAUSE_TOLERANCE_S]
        assert len(near) == 1, f"the {inserted} s pause at {starts_at:.2f} s: found {found}"
        assert near[0].length_s == pytest.approx(inserted, abs=PAUSE_TOLERANCE_S)
        found.remove(near[0])
    assert all(pause.length_s < min(INSERTED) for pause in found), found
    assert metrics.pauses[0].start_s > LEAD_S
    assert metrics.pauses[-1].start_s < answer.seconds - TAIL_S


@pytest.mark.parametrize("mime", [WAV, WEBM, OGG])
def test_pauses_over_three_seconds_are_counted_and_the_longest_is_measured(mime, measured):
    """The 3.5 s and 5 s pauses are over three seconds; the 0.5 s one is a pause but not long,
    and the 1 s lead-in and 2 s tail are not pauses at all."""
    metrics = measured[mime]
    assert metrics.long_pauses == 2
    assert metrics.longest_pause_s == pytest.approx(5.0, abs=PAUSE_TOLERANCE_S)
    assert speech.LONG_PAUSE_S == 3.0


@pytest.mark.parametrize("mime", [WAV, WEBM, OGG])
def test_speaking_share_matches_the_speech_put_in(mime, measured, answer):
    """Expected share: the trimmed sentences' length over the whole take (0.57 here), known
    before any encoding. Within 0.05 because each of the eight edges of speech can move by a
    few 30 ms frames (about 0.3 s in all, 0.01 of 28 s), a word's soft ends fall under the
    threshold, and a short gap inside a sentence may count as a breath, not as speaking."""
    expected = answer.speech_s / answer.seconds
    assert 0.5 < expected < 0.65
    assert measured[mime].speaking_share == pytest.approx(expected, abs=SHARE_TOLERANCE)
    assert measured[mime].speaking_s == pytest.approx(answer.speech_s, rel=SHARE_TOLERANCE)


def test_wav_and_both_opus_containers_give_the_same_figures(measured):
    """The codec must not change what the engineer is told: the figures agree across formats
    far closer than their tolerance against the inserted silences."""
    wav = measured[WAV]
    for mime in (WEBM, OGG):
        other = measured[mime]
        assert other.duration_s == pytest.approx(wav.duration_s, abs=DURATION_TOLERANCE_S)
        assert other.speaking_share == pytest.approx(wav.speaking_share, abs=0.02)
        assert other.longest_pause_s == pytest.approx(wav.longest_pause_s, abs=0.1)
        assert other.long_pauses == wav.long_pauses
        assert len(other.pauses) == len(wav.pauses)


@pytest.mark.parametrize(
    ("channels", "sample_bytes"),
    [(2, 2), (1, 1), (1, 3), (2, 4)],
    ids=["stereo", "8-bit", "24-bit", "32-bit stereo"],
)
def test_any_pcm_wav_layout_gives_the_figures_of_mono_16_bit(
    answer, measured, channels, sample_bytes
):
    """Sample width and channel count change the numbers FFmpeg hands over (unsigned bytes,
    interleaved channels), not what was said: speech on one channel of two is still speech."""
    audio = speech.decode(encode_wav(answer, channels, sample_bytes), "audio/x-wav")
    # Full scale is 1 whatever the width; a silent second channel halves the mix.
    peak = np.abs(answer.samples).max() / channels
    assert np.abs(audio.samples).max() == pytest.approx(peak, rel=0.02)
    metrics = speech.measure(audio, 20)
    mono = measured[WAV]
    assert metrics.duration_s == pytest.approx(mono.duration_s, abs=0.001)
    assert metrics.speaking_share == pytest.approx(mono.speaking_share, abs=0.02)
    assert metrics.longest_pause_s == pytest.approx(mono.longest_pause_s, abs=0.1)
    assert metrics.long_pauses == mono.long_pauses == 2


def test_a_take_over_its_time_box_says_by_how_much(answer, delivered):
    """28 s against a 20 s box is about 8 s over; against 60 s it is within (0, not negative)."""
    audio = speech.decode(delivered[WEBM], WEBM)
    over = speech.measure(audio, time_box_s=20)
    assert over.time_box_s == 20
    assert over.over_time_s == pytest.approx(answer.seconds - 20, abs=DURATION_TOLERANCE_S)
    within = speech.measure(audio, time_box_s=60)
    assert within.over_time_s == 0.0


def test_speech_without_a_pause_is_all_speaking(sentences):
    """Sentences back to back: the threshold still finds the speech (its quiet frames are
    stops and breaths, not silence), so the share is near 1 and no pause is over a second."""
    spoken, rate = sentences
    take = build_take(spoken, rate, [0.0, 0.0, 0.0], noise_dbfs=-50)
    metrics = speech.measure(speech.decode(encode(take, WEBM), WEBM), 60)
    assert metrics.speaking_share > 0.95
    assert metrics.longest_pause_s < 1.0 and metrics.long_pauses == 0


@pytest.mark.parametrize("noise_dbfs", [None, -50.0], ids=["digital silence", "room noise"])
def test_a_take_with_no_speech_is_all_silence(noise_dbfs):
    """Nothing said: speaking share 0, no pauses (there is no answer for a pause to be in)."""
    take = build_take([np.zeros(1, np.float32)], 16_000, [], 3.0, 0.0, noise_dbfs=noise_dbfs)
    metrics = speech.measure(speech.decode(encode(take, WEBM), WEBM), 60)
    assert metrics.duration_s == pytest.approx(3.0, abs=DURATION_TOLERANCE_S)
    assert metrics.speaking_share == 0.0 and metrics.speaking_s == 0.0
    assert metrics.pauses == () and metrics.longest_pause_s == 0.0 and metrics.long_pauses == 0


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return out.getvalue()


def _damaged(webm: bytes) -> bytes:
    """A webm whose header and first packets are overwritten with noise."""
    data = bytearray(webm)
    data[40:4000] = np.random.default_rng(7).integers(0, 256, 3960, dtype=np.uint8).tobytes()
    return bytes(data)


BAD_CLIPS = {
    "random bytes": (lambda _: np.random.default_rng(3).bytes(5000), WEBM, "damaged or"),
    "damaged webm": (_damaged, WEBM, "damaged or"),
    "cut off in its header": (lambda webm: webm[:100], WEBM, "damaged or"),
    "a PNG sent as webm": (lambda _: _png(), WEBM, "damaged or"),
    "a PNG sent as a PNG": (lambda _: _png(), "image/png", "type (image/png) is not one"),
    "webm sent as wav": (lambda webm: webm, WAV, "damaged or"),
    "empty": (lambda _: b"", WEBM, "it is empty"),
    "no type given": (lambda webm: webm, "", "type (none given)"),
}


@pytest.mark.parametrize("name", list(BAD_CLIPS))
def test_a_clip_that_cannot_be_read_gets_a_sentence_not_a_traceback(name, delivered):
    """Made from the good webm answer (or from nothing): each is refused with a sentence."""
    make, mime, says = BAD_CLIPS[name]
    with pytest.raises(speech.SpeechError) as raised:
        speech.decode(make(delivered[WEBM]), mime)
    message = str(raised.value)
    assert message.startswith("This recording could not be read: ") and says in message
    assert message.endswith(".") and "av." not in message and "Errno" not in message
    assert isinstance(raised.value, ValueError)


def test_an_oversized_clip_is_refused_before_it_is_decoded(monkeypatch):
    """Over the byte cap: refused with its size and the limit, and PyAV never opens it."""

    def never_open(*args, **kwargs):
        raise AssertionError("an oversized clip was opened")

    monkeypatch.setattr(speech.av, "open", never_open)
    with pytest.raises(speech.SpeechError) as raised:
        speech.decode(b"\x1a\x45\xdf\xa3" + bytes(speech.MAX_TAKE_BYTES), WEBM)
    assert str(raised.value) == (
        "This recording is too large to keep (5.8 MB): a take may use up to 5.8 MB, "
        "about 6 minutes. Record a shorter take."
    )
    with pytest.raises(speech.SpeechError, match=r"\(11\.6 MB\): a take may use up to 11\.5 MB"):
        speech.decode(bytes(speech.MAX_WAV_BYTES + 100_000), WAV)


def test_a_take_longer_than_the_cap_is_refused_while_decoding(delivered, monkeypatch):
    """A small file can still be long (a low bitrate): decoding stops once past the cap."""
    monkeypatch.setattr(speech, "MAX_TAKE_SECONDS", 10)
    with pytest.raises(speech.SpeechError, match=r"too long to keep: over 10 seconds\."):
        speech.decode(delivered[WEBM], WEBM)


def test_a_take_cut_short_after_some_speech_gives_what_it_holds(answer, delivered):
    """The browser closed mid-take: the first half is still measured, not refused."""
    data = delivered[WEBM]
    audio = speech.decode(data[: len(data) // 2], WEBM)
    assert 0.3 * answer.seconds < audio.seconds < 0.7 * answer.seconds
    assert speech.measure(audio, 60).speaking_share > 0.3


GAPS = st.one_of(st.floats(0.45, 2.6), st.floats(3.4, 5.0))  # clear of the 3 s line


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(gaps=st.lists(GAPS, min_size=2, max_size=2), noise_dbfs=st.floats(-62.0, -45.0))
def test_any_inserted_pauses_are_counted_and_measured(sentences, gaps, noise_dbfs):
    """Whatever the silences between three sentences and whatever the room's noise floor:
    the pauses over three seconds are counted and the longest is measured within tolerance."""
    spoken, rate = sentences
    take = build_take(spoken[:3], rate, gaps, 0.5, 0.5, noise_dbfs=noise_dbfs)
    metrics = speech.measure(speech.decode(encode(take, WEBM), WEBM), 60)
    assert metrics.long_pauses == sum(gap > speech.LONG_PAUSE_S for gap in gaps)
    assert metrics.longest_pause_s == pytest.approx(max(gaps), abs=PAUSE_TOLERANCE_S)
    assert sorted(pause.length_s for pause in metrics.pauses)[-2:] == pytest.approx(
        sorted(gaps), abs=PAUSE_TOLERANCE_S
    )
    assert metrics.speaking_share == pytest.approx(
        take.speech_s / take.seconds, abs=SHARE_TOLERANCE
    )
