"""Spoken takes with known answers: espeak-ng sentences joined by silences of known length,
delivered as a browser would (webm/opus like Chromium's MediaRecorder, ogg/opus like Firefox's)
or as a plain WAV.

Each sentence is trimmed to its first and last audible sample, so the speech in a take is
exactly the sentences' length and every silence in it is one we put there.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

ESPEAK = shutil.which("espeak-ng")
ESPEAK_MISSING = "espeak-ng is not installed: `make test` installs Debian's espeak-ng"

# Sentences without commas: espeak pauses at punctuation, and the tests want every pause to be
# one they inserted.
SENTENCES = (
    "I led the migration of our payments service to a new message queue",
    "The old system dropped about one order in every ten thousand",
    "We moved one customer group at a time and watched the error rate",
    "After six weeks the loss rate was zero and the team owned the new service",
)

# Chromium's MediaRecorder: opus at 48 kHz in 60 ms packets, bitrate left to libopus's automatic
# choice, which for one channel is 60 * 48000 / 2880 + 48000 = 49 kbit/s.
BROWSER_RATE = 48_000
CHROMIUM_OPUS_BITRATE = 49_000

# Below this fraction of the loudest sample, espeak's output is its own lead-in or tail silence.
AUDIBLE_FRACTION = 0.01


@dataclass(frozen=True)
class Take:
    """Samples (float32, mono) and what they hold, known by construction."""

    samples: np.ndarray
    rate: int
    speech_s: float
    inner_silences_s: tuple[float, ...]  # the silences between sentences, in order

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


def synthesise(text: str, folder: Path) -> tuple[np.ndarray, int]:
    """espeak-ng's reading of ``text`` at 150 words a minute, trimmed to its audible part."""
    path = folder / f"{abs(hash(text))}.wav"
    subprocess.run([ESPEAK, "-w", str(path), "-s", "150", text], check=True)
    with wave.open(str(path)) as read:
        assert read.getnchannels() == 1 and read.getsampwidth() == 2
        rate = read.getframerate()
        pcm = np.frombuffer(read.readframes(read.getnframes()), dtype="<i2")
    samples = pcm.astype(np.float32) / 32768
    audible = np.flatnonzero(np.abs(samples) > AUDIBLE_FRACTION * np.abs(samples).max())
    return samples[audible[0] : audible[-1] + 1], rate


def build_take(
    sentences: list[np.ndarray],
    rate: int,
    silences_s: list[float],
    lead_s: float = 0.0,
    tail_s: float = 0.0,
    noise_dbfs: float | None = None,
    seed: int = 0,
) -> Take:
    """Sentences with ``silences_s[i]`` between sentence i and i + 1, ``lead_s`` of silence
    before the first, ``tail_s`` after the last, and optionally steady noise (RMS in dBFS) under
    everything, as a room and a microphone give."""
    assert len(silences_s) == len(sentences) - 1
    gaps = [lead_s, *silences_s, tail_s]
    parts = []
    for index, gap in enumerate(gaps):
        parts.append(np.zeros(round(gap * rate), dtype=np.float32))
        if index < len(sentences):
            parts.append(sentences[index])
    samples = np.concatenate(parts)
    if noise_dbfs is not None:
        noise = np.random.default_rng(seed).normal(0, 10 ** (noise_dbfs / 20), len(samples))
        samples = (samples + noise).astype(np.float32)
    return Take(
        samples=np.clip(samples, -1, 1),
        rate=rate,
        speech_s=sum(len(s) for s in sentences) / rate,
        inner_silences_s=tuple(silences_s),
    )


def _to_48k(take: Take) -> np.ndarray:
    """Resampled to the browser's rate (linear interpolation is plenty for a level test)."""
    count = round(take.seconds * BROWSER_RATE)
    positions = np.arange(count) * (take.rate / BROWSER_RATE)
    return np.interp(positions, np.arange(len(take.samples)), take.samples).astype(np.float32)


def encode_wav(take: Take, channels: int = 1, sample_bytes: int = 2) -> bytes:
    """The take as PCM WAV: 8-bit is unsigned, wider is signed little-endian; with two channels
    the speech is on the left one only and the right one is silent (a one-sided headset)."""
    bits = 8 * sample_bytes
    if sample_bytes == 1:
        pcm = np.round(take.samples * 127 + 128).astype(np.uint8)
        silent = np.full_like(pcm, 128)
    else:
        pcm = np.round(take.samples.astype(np.float64) * (2 ** (bits - 1) - 1)).astype("<i4")
        silent = np.zeros_like(pcm)
    frames = np.stack([pcm, silent][:channels], axis=1)
    if sample_bytes == 1:
        raw = frames.tobytes()
    else:  # the low sample_bytes bytes of each little-endian int32
        raw = frames.view(np.uint8).reshape(-1, 4)[:, :sample_bytes].tobytes()
    out = io.BytesIO()
    with wave.open(out, "wb") as write:
        write.setnchannels(channels)
        write.setsampwidth(sample_bytes)
        write.setframerate(take.rate)
        write.writeframes(raw)
    return out.getvalue()


def encode(take: Take, mime: str) -> bytes:
    """The take as the browser would hand it over: ``audio/webm;codecs=opus`` (Chromium),
    ``audio/ogg;codecs=opus`` (Firefox) or ``audio/wav`` (16-bit PCM at the take's rate)."""
    if mime == "audio/wav":
        return encode_wav(take)
    container_format = {"audio/webm;codecs=opus": "webm", "audio/ogg;codecs=opus": "ogg"}[mime]
    samples = _to_48k(take)
    out = io.BytesIO()
    # A recording written as it happens: no duration or seek index in the header (Chromium's
    # webm has neither), which the decoder must cope with.
    options = {"live": "1"} if container_format == "webm" else {}
    with av.open(out, mode="w", format=container_format, options=options) as container:
        stream = container.add_stream("libopus", rate=BROWSER_RATE, layout="mono")
        stream.bit_rate = CHROMIUM_OPUS_BITRATE
        stream.options = {"frame_duration": "60", "application": "audio"}
        step = 2880
        for start in range(0, len(samples), step):
            chunk = samples[start : start + step]
            frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="flt", layout="mono")
            frame.sample_rate = BROWSER_RATE
            frame.pts = start
            frame.time_base = Fraction(1, BROWSER_RATE)
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return out.getvalue()
