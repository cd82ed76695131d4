"""Say it aloud, end to end: Chromium's fake microphone plays espeak-ng sentences with known
silences; the recorder in JupyterLab records a take that stops at its 60-second box; the journal
holds it with the expected length and pauses; it replays in Lab; and the coach's Voilà page plays
it with nothing to edit. A browser with no microphone allowed, and one that cannot record, get
their sentences."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.readers.rehearsal import all_takes
from widgets.storage.journal import Journal
from widgets.storage.records import Profile, Project

from .helpers import poll_journal
from .servers import CHROMIUM, CHROMIUM_ARGS, lab_server, run_all_cells, stepup_server
from .speech_fixtures import (
    BROWSER_RATE,
    ESPEAK,
    ESPEAK_MISSING,
    SENTENCES,
    Take,
    build_take,
    encode_wav,
    synthesise,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

INSERTED = [0.5, 3.5, 5.0]  # a breath, then two pauses over three seconds
LEAD_S, TAIL_S = 2.0, 1.0  # the microphone opens a moment before the recorder starts
BOX_S = 60
DURATION_TOLERANCE_S = 0.7  # MediaRecorder starts and stops on its own timers
PAUSE_TOLERANCE_S = 0.3  # opus at 32 kbit/s and the browser's capture path
SAY_IT = "Say it aloud: record the project summary"


@pytest.fixture(scope="module")
def spoken_wav(tmp_path_factory):
    """The sentences and silences as a 48 kHz 16-bit WAV, the fake microphone's input."""
    if ESPEAK is None:
        pytest.skip(ESPEAK_MISSING)
    folder = tmp_path_factory.mktemp("fake-microphone")
    read = [synthesise(text, folder) for text in SENTENCES]
    take = build_take([s for s, _ in read], read[0][1], INSERTED, LEAD_S, TAIL_S, noise_dbfs=-50)
    count = round(take.seconds * BROWSER_RATE)
    resampled = np.interp(
        np.arange(count) * (take.rate / BROWSER_RATE), np.arange(len(take.samples)), take.samples
    ).astype(np.float32)
    at_48k = Take(resampled, BROWSER_RATE, take.speech_s, take.inner_silences_s)
    path = folder / "answer.wav"
    path.write_bytes(encode_wav(at_48k))
    return path, take


def _launch(playwright, extra: list[str]):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required", *extra],
        headless=True,
    )


@pytest.fixture(scope="module")
def microphone_browser(playwright_driver, spoken_wav):
    """Chromium whose microphone is the WAV above, played once (%noloop), permission granted."""
    path, _ = spoken_wav
    browser = _launch(
        playwright_driver,
        [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={path}%noloop",
        ],
    )
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def project_journal(tmp_path_factory):
    path = tmp_path_factory.mktemp("rehearsal") / "journal.sqlite"
    with Journal(path) as journal:
        journal.save(Profile(alias="Asha", track="software"))
        project = journal.save(Project(name="Payment retries service"))
    return path, project.id


def _open_recorder(page, server):
    page.goto(server.url("/lab/tree/03_project_deep_dives.ipynb"))
    run_all_cells(page)
    title = page.get_by_text(SAY_IT).first
    title.wait_for()
    title.click()
    page.locator(".stepup-recorder .stepup-record").first.wait_for()
    return page.locator(".stepup-recorder").first


def test_a_take_recorded_in_lab_is_measured_kept_replayed_and_heard_by_the_coach(
    microphone_browser, project_journal, tmp_path
):
    journal_path, project_id = project_journal
    context = microphone_browser.new_context(viewport={"width": 1280, "height": 1600})
    page = context.new_page()
    page.set_default_timeout(90_000)
    try:
        with lab_server(tmp_path, journal_path, "stepup-rehearsal-token", True) as server:
            recorder = _open_recorder(page, server)
            assert "0:00 / 1:00" in recorder.locator(".stepup-clock").inner_text()
            recorder.locator(".stepup-record").click()
            page.wait_for_selector(".stepup-recorder .stepup-record-state:has-text('Recording')")
            # The clock runs against the box, and the recorder stops itself at the box.
            page.wait_for_function(
                "document.querySelector('.stepup-recorder .stepup-clock').textContent"
                ".startsWith('0:0') === false"
            )
            result = recorder.locator(".stepup-take-result")
            result.wait_for(timeout=BOX_S * 1000 + 60_000)
            assert "Take 1" in result.inner_text()
            takes = poll_journal(journal_path, all_takes, bool)
            [(_, take)] = takes
            assert (take.subject_kind, take.subject_id, take.time_box_s) == (
                "project",
                project_id,
                BOX_S,
            )
            assert take.audio.mime == "audio/webm;codecs=opus"
            m = take.metrics
            assert m.duration_s == pytest.approx(BOX_S, abs=DURATION_TOLERANCE_S)
            assert m.long_pauses == 2 and m.pauses == 3
            assert m.longest_pause_s == pytest.approx(5.0, abs=PAUSE_TOLERANCE_S)
            shown = result.inner_text()
            assert "1:00 of 1:00" in shown and "2 pauses over 3 s" in shown
            # The engineer replays it: the recording kept in the journal plays in the page.
            played = page.evaluate(
                """async () => {
                  const audio = document.querySelector('.stepup-recorder .stepup-take-audio');
                  audio.muted = true;
                  await audio.play();
                  await new Promise(resolve => setTimeout(resolve, 1500));
                  return audio.currentTime;
                }"""
            )
            assert played > 0.5
            # A rating reaches the journal as a revision of the take.
            recorder.locator(".stepup-rate-clarity").select_option(label="4")
            rated = poll_journal(
                journal_path, all_takes, lambda found: found and found[0][1].self_scores
            )
            assert rated[0][1].self_scores == {"clarity": 4}
            assert "Traceback" not in page.inner_text(".jp-Notebook")
        with stepup_server(
            ["coach", "--journal", str(journal_path), "--no-preheat"], {}, tmp_path / "voila.log"
        ) as coach:
            page.goto(coach.url("/voila/render/coach_view.ipynb"))
            page.wait_for_selector(".stepup-coach-take")
            body = page.inner_text(".stepup-coach-session")
            assert "Project summary: Payment retries service, take 1" in body
            assert "2 pauses over 3 s" in body and "Their ratings: clarity 4" in body
            assert page.eval_on_selector_all(".stepup-coach-audio", "els => els.length") == 1
            coach_played = page.evaluate(
                """async () => {
                  const audio = document.querySelector('.stepup-coach-audio');
                  audio.muted = true;
                  await audio.play();
                  await new Promise(resolve => setTimeout(resolve, 1500));
                  return audio.currentTime;
                }"""
            )
            assert coach_played > 0.5
            editable = "input, textarea, select, button, [contenteditable]"
            assert page.eval_on_selector_all(editable, "els => els.length") == 0
    finally:
        context.close()


def test_a_refused_microphone_and_a_browser_that_cannot_record_get_their_sentences(
    playwright_driver, tmp_path
):
    """Chromium with no fake UI gets no microphone in a headless page, and a browser without
    MediaRecorder cannot record: the recorder says what to do in each case, and the journal
    holds no take."""
    journal_path = tmp_path / "journal.sqlite"
    with Journal(journal_path) as journal:
        journal.save(Project(name="Payment retries service"))
    browser = _launch(playwright_driver, [])
    try:
        with lab_server(tmp_path, journal_path, "stepup-refused-token", True) as server:
            for init, expected in (
                ("", ("not allowed to use the microphone", "No microphone was found")),
                ("delete window.MediaRecorder;", ("This browser cannot record audio",)),
            ):
                page = browser.new_page()
                page.set_default_timeout(90_000)
                if init:
                    page.add_init_script(init)
                recorder = _open_recorder(page, server)
                recorder.locator(".stepup-record").click()
                page.wait_for_function(
                    "document.querySelector('.stepup-browser-problem').textContent.length > 0"
                )
                text = recorder.locator(".stepup-browser-problem").inner_text()
                assert any(sentence in text for sentence in expected), text
                assert recorder.locator(".stepup-stop").is_disabled()
                page.close()
    finally:
        browser.close()
    with Journal(journal_path, readonly=True) as journal:
        assert all_takes(journal) == []
