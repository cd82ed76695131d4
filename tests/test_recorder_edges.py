"""Takes the recorder could not measure (issue 27): Record then Stop at once, a one-sample file,
sample rates of 1 Hz, 10 Hz or 2^31-1 Hz. Each raised IndexError or ZeroDivisionError, with no
sentence and the last "Take saved at …" still showing; each now gets a sentence beside the
recorder, the status says the take was not saved, and nothing is stored."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.speech_fixtures import Take, encode, encode_wav
from widgets import speech
from widgets.forms.rehearsal import RehearsalForm
from widgets.storage.records import Rehearsal

WEBM = "audio/webm;codecs=opus"


def tone(seconds: float, rate: int) -> np.ndarray:
    """A 220 Hz tone with a silent gap in the middle: speech to the level detector."""
    t = np.arange(round(seconds * rate)) / rate
    samples = (0.5 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    samples[len(samples) // 3 : len(samples) // 2] = 0
    return samples


def wav(samples: np.ndarray, rate: int) -> bytes:
    return encode_wav(Take(samples.astype(np.float32), rate, 0.0, ()))


def takes_in(journal) -> int:
    return sum(1 for entry in journal.entries() if entry.kind == Rehearsal.kind)


ONE_SAMPLE = np.array([0.5], dtype=np.float32)
UNMEASURABLE = {
    "Record then Stop at once (20 ms, webm)": (
        encode(Take(tone(0.02, 48_000), 48_000, 0.0, ()), WEBM),
        WEBM,
        "too short to measure",
    ),
    "a 1-sample file": (wav(ONE_SAMPLE, 16_000), "audio/wav", "too short to measure"),
    "1 Hz": (wav(np.zeros(10), 1), "audio/wav", "samples a second"),
    "10 Hz": (wav(tone(10, 10), 10), "audio/wav", "samples a second"),
    "2^31-1 Hz": (wav(tone(0.001, 48_000), 2**31 - 1), "audio/wav", "samples a second"),
}


@pytest.mark.parametrize("case", UNMEASURABLE)
def test_an_unmeasurable_take_gets_a_sentence_and_replaces_the_last_saved(journal, case):
    clip, mime, says = UNMEASURABLE[case]
    rehearse = RehearsalForm(journal, "story", "story-1", draw_chart=lambda takes: b"png")
    assert rehearse.take_recorded(wav(tone(2.0, 16_000), 16_000), "audio/wav", 60) is not None
    assert "Take saved at" in rehearse.status
    assert rehearse.take_recorded(clip, mime, 60) is None
    message = rehearse.recorder.message
    assert says in message or "could not be read" in message, message
    assert "Take saved at" not in rehearse.status and "not saved" in rehearse.status
    assert takes_in(journal) == 1 and rehearse.recorder.busy is False


def test_nothing_recorded_in_the_browser_is_said_beside_the_recorder(journal):
    """An empty recording (the microphone sent nothing) is said by the kernel too, so the last
    "Take saved at …" does not stay beside it."""
    rehearse = RehearsalForm(journal, "story", "story-1", draw_chart=lambda takes: b"png")
    rehearse.take_recorded(wav(tone(2.0, 16_000), 16_000), "audio/wav", 60)
    rehearse._from_browser(rehearse.recorder, {"kind": "nothing"}, [])
    assert "Nothing was recorded" in rehearse.recorder.message
    assert "Take saved at" not in rehearse.status and takes_in(journal) == 1


RATES = st.one_of(
    st.sampled_from([1, 10, 7_999, 8_000, 16_000, 48_000, 384_000, 384_001, 2**31 - 1]),
    st.integers(1, 2**31 - 1),
)


@settings(max_examples=60, deadline=2_000, suppress_health_check=list(HealthCheck))
@given(
    rate=RATES,
    length=st.integers(0, 24_000),
    loudness=st.sampled_from([0.0, 1e-4, 0.3, 1.0]),
    seed=st.integers(0, 2**16),
)
def test_measuring_is_total_over_any_rate_and_length(rate, length, loudness, seed):
    """Figures, or our own refusal with a sentence: never another error."""
    samples = (np.random.default_rng(seed).standard_normal(length) * loudness).astype(np.float32)
    try:
        figures = speech.measure(speech.Audio(samples, rate), 60)
    except speech.SpeechError as refusal:
        assert str(refusal).endswith(".") and len(str(refusal)) > 40
        return
    assert 0.0 <= figures.speaking_share <= 1.0
    assert figures.duration_s == pytest.approx(length / rate)
    assert all(pause.length_s > 0 for pause in figures.pauses)
