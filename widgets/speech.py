"""What a spoken take measures: decode the browser's recording, then time the speech in it.

A rehearsal (a 60-second project summary, a STAR story, the first minutes of a design answer)
is recorded in the browser by MediaRecorder and arrives here as bytes with its MIME type:
``audio/webm;codecs=opus`` from Chromium, ``audio/ogg;codecs=opus`` from Firefox, ``audio/wav``
from tests or an uploaded file. :func:`decode` turns it into mono samples;
:func:`measure` reports what the engineer sees after the take: its length against the time box,
the share of it spent speaking, the longest pause and how many pauses ran over three seconds.
The pauses are reported, not judged: a pause the engineer announces ("let me think") is what
workbook 04 teaches, and no source we cite puts a limit on a pause.

Speech is found by frame energy, not by a speech model: each 30 ms frame is speech when it is
louder than a threshold taken from the clip itself (its quiet frames plus a margin), so a noisy
room and a quiet one are judged alike. Gaps shorter than :data:`MIN_PAUSE_S` (the breath between
words) count as speaking; silence before the first word and after the last counts in the
duration but is not a pause in the answer. ``tests/test_speech_metrics.py`` proves the figures
on speech synthesised by espeak-ng with silences of known length inserted.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import NamedTuple

import av
import numpy as np

from widgets import i18n

FRAME_S = 0.03
LONG_PAUSE_S = 3.0  # the pauses counted apart (over three seconds): a count to compare takes by
MIN_PAUSE_S = 0.3  # shorter silences are the gaps between words, not pauses
MIN_SPEECH_S = 0.09  # a louder blip shorter than this (a click, a knock) is not speech

# The loudness that makes a frame speech: the clip's own quiet level (its 10th percentile frame)
# plus a margin, but never below an absolute floor, so digital silence stays silent.
NOISE_PERCENTILE = 10
MARGIN_DB = 10.0
ABSOLUTE_FLOOR_DBFS = -55.0

# A take shorter than this (Record, then Stop at once) holds nothing to measure.
MIN_TAKE_S = 0.5
# The sample rates a recording is measured at: telephone speech to studio equipment. Outside
# them a file is not a microphone's take (and a 30 ms frame would hold no sample, or millions).
MIN_RATE_HZ = 8_000
MAX_RATE_HZ = 384_000

# The longest time box is five minutes; a minute of margin for running over.
MAX_TAKE_SECONDS = 6 * 60
# Chromium's MediaRecorder leaves opus at libopus's automatic bitrate: about 49 kbit/s for a mono
# microphone and 97 kbit/s for a stereo one. 6 minutes at 128 kbit/s leaves room for both.
MAX_TAKE_BYTES = MAX_TAKE_SECONDS * 128_000 // 8
# WAV is uncompressed: 6 minutes of 16 kHz mono 16-bit PCM, the most a WAV take needs.
MAX_WAV_BYTES = MAX_TAKE_SECONDS * 16_000 * 2 + 4096

# MIME type (without parameters) → the demuxer that reads it. Only these are opened, so a file
# that claims to be audio is parsed as that format and nothing else.
CONTAINERS = {
    "audio/webm": "matroska",
    "video/webm": "matroska",  # what some browsers call an audio-only webm
    "audio/ogg": "ogg",
    "audio/wav": "wav",
    "audio/wave": "wav",
    "audio/x-wav": "wav",
}


class SpeechError(ValueError):
    """A recording that cannot be measured; the message is a sentence for the user, in the
    active language."""


@dataclass(frozen=True)
class Audio:
    """Mono float32 samples in [-1, 1] at the recording's own rate (48 kHz from a browser)."""

    samples: np.ndarray
    rate: int

    @property
    def seconds(self) -> float:
        """The recording's length."""
        return len(self.samples) / self.rate


class Pause(NamedTuple):
    """Silence between two stretches of speech, at least :data:`MIN_PAUSE_S` long."""

    start_s: float  # from the start of the take
    length_s: float


@dataclass(frozen=True)
class SpeechMetrics:
    """What one take measured, in seconds. Silence before the first word and after the last is
    in the duration but is not a pause."""

    duration_s: float
    time_box_s: int
    speaking_s: float
    pauses: tuple[Pause, ...]  # in the order they came

    @property
    def over_time_s(self) -> float:
        """How far the take ran past its time box; 0 when it ended within it."""
        return max(0.0, self.duration_s - self.time_box_s)

    @property
    def speaking_share(self) -> float:
        """Speaking time over the whole take (0 to 1), silence at the start and end included."""
        return self.speaking_s / self.duration_s if self.duration_s else 0.0

    @property
    def longest_pause_s(self) -> float:
        """The longest pause; 0 when there was none."""
        return max((pause.length_s for pause in self.pauses), default=0.0)

    @property
    def long_pauses(self) -> int:
        """Pauses over :data:`LONG_PAUSE_S`."""
        return sum(1 for pause in self.pauses if pause.length_s > LONG_PAUSE_S)


def _in_words(seconds: int) -> str:
    if seconds % 60:
        words = i18n.ngettext("{count} second", "{count} seconds", seconds)
        return words.format(count=i18n.format_number(seconds))
    words = i18n.ngettext("{count} minute", "{count} minutes", seconds // 60)
    return words.format(count=i18n.format_number(seconds // 60))


def _decimal(value: float, places: int) -> str:
    """``value`` rounded to ``places`` decimals as Python rounds, written as the language
    writes numbers ("2.5", "0.30")."""
    return i18n.format_number(float(f"{value:.{places}f}"), "0." + "0" * places)


def _container_format(mime: str) -> str:
    base = mime.split(";", 1)[0].strip().lower()
    if base not in CONTAINERS:
        if base:
            words = i18n.gettext(
                "This recording could not be read: its type ({type}) is not one this workbook "
                "reads. It reads webm, ogg and wav recordings."
            )
        else:
            words = i18n.gettext(
                "This recording could not be read: its type (none given) is not one this "
                "workbook reads. It reads webm, ogg and wav recordings."
            )
        raise SpeechError(words.format(type=base))
    return CONTAINERS[base]


def check_size(audio: bytes, mime: str) -> None:
    """Refuse an empty or oversized clip before any decoding (raises :class:`SpeechError`)."""
    if not audio:
        raise SpeechError(
            i18n.gettext("This recording could not be read: it is empty. Record the take again.")
        )
    cap = MAX_WAV_BYTES if _container_format(mime) == "wav" else MAX_TAKE_BYTES
    if len(audio) > cap:
        raise SpeechError(
            i18n.gettext(
                "This recording is too large to keep ({size} MB): a take may use up to {cap} MB, "
                "about {length}. Record a shorter take."
            ).format(
                size=_decimal(len(audio) / 1e6, 1),
                cap=_decimal(cap / 1e6, 1),
                length=_in_words(MAX_TAKE_SECONDS),
            )
        )


def check_measurable(samples: int, rate: int) -> None:
    """Refuse a take that cannot be measured: a sample rate no microphone records at, or a take
    too short to hold a word (raises :class:`SpeechError`)."""
    check_rate(rate)
    if samples < MIN_TAKE_S * rate:
        raise SpeechError(
            i18n.gettext(
                "This take is too short to measure ({seconds} seconds): press Record, speak, then "
                "press Stop."
            ).format(seconds=_decimal(samples / rate, 2))
        )


def check_rate(rate: int) -> None:
    """Refuse a sample rate no microphone records at (raises :class:`SpeechError`)."""
    if not MIN_RATE_HZ <= rate <= MAX_RATE_HZ:
        raise SpeechError(
            i18n.gettext(
                "This recording could not be measured: it was made at {rate} samples a second, "
                "which no microphone records at (this workbook reads {lowest} to {highest}). "
                "Record the take again."
            ).format(
                rate=i18n.format_number(rate),
                lowest=i18n.format_number(MIN_RATE_HZ),
                highest=i18n.format_number(MAX_RATE_HZ),
            )
        )


# Full scale of each integer sample format FFmpeg decoders give (WAV: s16; float codecs: none).
_FULL_SCALE = {np.dtype(np.int16): 32768.0, np.dtype(np.int32): 2.0**31}


def _mono(frame: av.AudioFrame) -> np.ndarray:
    """One decoded frame as float32 mono, by numpy: PyAV's AudioResampler costs about as much as
    decoding the opus itself, and the speech figures need no particular rate."""
    channels = len(frame.layout.channels)
    samples = frame.to_ndarray()
    if frame.format.is_packed:  # interleaved: one row holding every channel in turn
        samples = samples.reshape(-1, channels).T
    if samples.dtype == np.uint8:
        samples = (samples.astype(np.float32) - 128) / 128
    elif samples.dtype in _FULL_SCALE:
        samples = samples.astype(np.float32) / _FULL_SCALE[samples.dtype]
    mono = samples[0] if channels == 1 else samples.mean(axis=0)
    return mono.astype(np.float32, copy=False)


def decode(audio: bytes, mime: str) -> Audio:
    """The recording's sound as mono samples at its own rate.

    Raises :class:`SpeechError` with a sentence the user can read when the clip is empty, too
    large, longer than :data:`MAX_TAKE_SECONDS`, of a type not read here, or not readable as
    audio (damaged, cut short before any sound, or another kind of file). A recording cut short
    after some sound (the browser closed mid-take) gives the sound it holds.
    """
    check_size(audio, mime)
    container_format = _container_format(mime)
    damaged = SpeechError(
        i18n.gettext(
            "This recording could not be read: the file is damaged or is not audio. "
            "Record the take again."
        )
    )
    chunks: list[np.ndarray] = []
    rate = decoded = 0
    try:
        with av.open(io.BytesIO(audio), mode="r", format=container_format) as container:
            if not container.streams.audio:
                raise SpeechError(
                    i18n.gettext(
                        "This recording could not be read: the file is damaged or holds no "
                        "sound. Record the take again."
                    )
                )
            for frame in container.decode(container.streams.audio[0]):
                if not rate:
                    rate = frame.sample_rate or 0
                    check_rate(rate)  # before decoding on: at 1 Hz a small file is days long
                if frame.sample_rate != rate:
                    raise damaged  # one recording, one rate: anything else is not a take
                chunks.append(_mono(frame))
                decoded += frame.samples
                # Stop early: a small file at a low bitrate can still be hours long.
                if decoded > MAX_TAKE_SECONDS * rate:
                    raise SpeechError(
                        i18n.gettext(
                            "This recording is too long to keep: over {length}. Record a "
                            "shorter take."
                        ).format(length=_in_words(MAX_TAKE_SECONDS))
                    )
    except av.FFmpegError:
        # FFmpeg's own words ("Invalid data found when processing input") help no one here.
        raise damaged from None
    if not chunks:
        raise SpeechError(
            i18n.gettext(
                "This recording could not be read: no sound could be decoded from it. "
                "Record the take again."
            )
        )
    return Audio(np.concatenate(chunks), rate)


def frame_levels(audio: Audio) -> np.ndarray:
    """Loudness of each :data:`FRAME_S` frame in dBFS (a full-scale sine is about -3)."""
    size = round(FRAME_S * audio.rate)
    count = len(audio.samples) // size
    frames = audio.samples[: count * size].reshape(count, size)
    # Sum of squares row by row without a copy: minutes at 48 kHz are tens of megabytes.
    power = np.einsum("ij,ij->i", frames, frames) / size
    return 10 * np.log10(np.maximum(power, 1e-12))


def speech_threshold(levels: np.ndarray) -> float:
    """The level above which a frame is speech: the clip's quiet frames plus a margin.

    A take that is speech from end to end still has quiet frames (stops, breaths) well over the
    margin below its vowels, so its speech stays speech; a clip of room noise alone has all its
    frames within a few dB of each other, so none is over the margin and none is speech."""
    quiet = float(np.percentile(levels, NOISE_PERCENTILE))
    return max(quiet + MARGIN_DB, ABSOLUTE_FLOOR_DBFS)


def _runs(flags: np.ndarray) -> list[tuple[bool, int, int]]:
    """(value, first frame, frame count) for each run of equal values."""
    if not len(flags):
        return []
    edges = np.flatnonzero(np.diff(flags.astype(np.int8))) + 1
    starts = np.concatenate(([0], edges))
    ends = np.concatenate((edges, [len(flags)]))
    return [(bool(flags[s]), int(s), int(e - s)) for s, e in zip(starts, ends, strict=True)]


def speech_frames(levels: np.ndarray) -> np.ndarray:
    """True for each frame inside speech: short gaps between words filled, short blips dropped."""
    speech = levels > speech_threshold(levels)
    first_last = np.flatnonzero(speech)
    min_gap = round(MIN_PAUSE_S / FRAME_S)
    for value, start, length in _runs(speech):
        inside = first_last.size and first_last[0] < start and start + length <= first_last[-1]
        if not value and inside and length < min_gap:
            speech[start : start + length] = True
    min_speech = round(MIN_SPEECH_S / FRAME_S)
    for value, start, length in _runs(speech):
        if value and length < min_speech:
            speech[start : start + length] = False
    return speech


def measure(audio: Audio, time_box_s: int) -> SpeechMetrics:
    """The take's duration against its time box, time spent speaking, and its pauses.

    Total over any recording: one that cannot be measured (see :func:`check_measurable`) is a
    :class:`SpeechError` with a sentence, never another error."""
    check_measurable(len(audio.samples), audio.rate)
    speech = speech_frames(frame_levels(audio))
    runs = _runs(speech)
    spoken = [run for run in runs if run[0]]
    pauses: tuple[Pause, ...] = ()
    if spoken:
        first, last = spoken[0][1], spoken[-1][1]
        pauses = tuple(
            Pause(start * FRAME_S, length * FRAME_S)
            for value, start, length in runs
            if not value and first < start < last
        )
    return SpeechMetrics(
        duration_s=audio.seconds,
        time_box_s=time_box_s,
        speaking_s=float(speech.sum()) * FRAME_S,
        pauses=pauses,
    )
