// Step Up's recorder (workbooks 03 and 04): say a project summary, a story or a design opening out
// loud against a time box, hear it back, rate it. One widget model: the browser records with
// MediaRecorder (opus, mono, 32 kbit/s: about 0.23 MB a minute), shows a running clock, stops at
// the box and sends the recording to the kernel as a binary buffer; the kernel measures and keeps
// it and sends back what it measured, the take to replay and the chart of the takes.

const PREFERRED_TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/ogg"];
const BITS_PER_SECOND = 32000;
const RATINGS = ["clarity", "structure", "pace", "confidence"];

function clock(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

// What to tell the engineer when the browser refused the microphone (words: the kernel's).
function problemFor(error, words) {
  const name = (error && error.name) || "";
  if (name === "NotAllowedError" || name === "PermissionDeniedError") return words.refused;
  if (name === "SecurityError") return words.not_secure;
  if (["NotFoundError", "DevicesNotFoundError", "OverconstrainedError"].includes(name)) return words.no_microphone;
  if (["NotReadableError", "TrackStartError", "AbortError"].includes(name)) return words.busy_microphone;
  return words.start_failed.replace("{reason}", name || words.unknown_reason);
}

function button(text, parent) {
  const element = make("button", "jupyter-widgets jupyter-button widget-button", parent);
  element.type = "button";
  element.textContent = text;
  element.style.width = "auto";
  element.style.margin = "2px 8px 2px 0";
  return element;
}

function render({ model, el }) {
  el.classList.add("stepup-recorder");
  // Every word shown comes from the kernel, in the engineer's language (the words trait).
  const words = model.get("words");
  Object.assign(el.style, { display: "flex", flexDirection: "column", gap: "4px", maxWidth: "760px" });

  // -- recording ---------------------------------------------------------------------------
  const recordLine = make("div", "stepup-record-line", el);
  Object.assign(recordLine.style, { display: "flex", flexFlow: "row wrap", alignItems: "center" });
  const box = choice(model, "time_box_s", "time_box_options", words.time_box, "260px", "80px", recordLine);
  const record = button(words.record, recordLine);
  record.classList.add("stepup-record");
  const stop = button(words.stop, recordLine);
  stop.classList.add("stepup-stop");
  const time = make("span", "stepup-clock", recordLine);
  Object.assign(time.style, { fontVariantNumeric: "tabular-nums", fontSize: "1.2em", margin: "0 8px" });
  const progress = make("progress", "", recordLine);
  progress.style.width = "140px";
  progress.setAttribute("aria-label", words.time_used);
  const state = make("span", "stepup-muted stepup-record-state", recordLine);
  state.setAttribute("aria-live", "polite");
  const problem = make("div", "stepup-error stepup-browser-problem", el);
  problem.setAttribute("role", "alert");
  const message = make("div", "stepup-recorder-message", el);

  // -- the chosen take ---------------------------------------------------------------------
  const takeLine = make("div", "", el);
  Object.assign(takeLine.style, { display: "flex", flexFlow: "row wrap", alignItems: "center" });
  const takes = choice(model, "selected", "takes", words.takes, "520px", "80px", takeLine);
  takes.select.classList.add("stepup-takes");
  takes.select.setAttribute("aria-label", words.takes_label);
  const remove = button(words.delete, takeLine);
  remove.classList.add("stepup-delete-take");
  const result = make("div", "", el);
  const kept = make("div", "stepup-muted stepup-recordings-kept", el);
  const player = make("audio", "stepup-take-audio", el);
  player.controls = true;
  player.preload = "metadata";
  player.style.width = "min(520px, 100%)";

  // The ratings: a title line, then the four pickers in a row that wraps on a narrow page.
  const hints = Object.fromEntries(model.get("rating_hints"));
  const ratingRow = (parent, prefix, title) => {
    const heading = make("div", "", parent);
    const bold = make("b", "", heading);
    bold.textContent = title;
    if (!prefix) { // what each rating asks, open to a click, a tap or the keyboard (not hover only)
      heading.append(" ");
      const help = make("details", "stepup-help", heading);
      make("summary", "stepup-muted", help).textContent = words.what_each_asks;
      const list = make("span", "", help);
      list.textContent = words.help;
    }
    const row = make("div", "", parent);
    Object.assign(row.style, { display: "flex", flexFlow: "row wrap", alignItems: "center" });
    const pickers = RATINGS.map((name) => {
      const label = words.rating_names[name];
      const picked = choice(model, `${prefix}${name}`, "rating_options", label, "176px", "78px", row);
      picked.select.title = prefix ? words.coach_hints[name] : hints[name];
      picked.select.classList.add(`stepup-rate-${prefix}${name}`);
      return picked;
    });
    return { pickers, row };
  };
  const ratings = make("div", "stepup-take-ratings", el);
  ratings.style.flexDirection = "column";
  const selfChoices = ratingRow(ratings, "", words.your_ratings).pickers;
  const notes = textAnswer(model, "notes", words.notes, "min(520px, 100%)", ratings);
  notes.input.setAttribute("aria-label", words.notes_label);
  notes.input.classList.add("stepup-take-notes");

  const coachLine = make("div", "stepup-take-coach", el);
  coachLine.style.flexDirection = "column";
  coachLine.style.marginTop = "6px";
  const coachName = textAnswer(model, "coach_rater", words.coach_name, "min(320px, 100%)", coachLine);
  coachName.input.setAttribute("aria-label", words.coach_name_label);
  const coachRow = ratingRow(coachLine, "coach_", words.coach_ratings);
  const coachChoices = coachRow.pickers;
  coachLine.insertBefore(coachName.input, coachRow.row);
  const coachNote = textAnswer(model, "coach_note", words.coach_note, "min(520px, 100%)", coachLine);
  coachNote.input.setAttribute("aria-label", words.coach_note);
  const chart = make("img", "stepup-chart-image stepup-takes-chart", el);
  Object.assign(chart.style, { display: "block", maxWidth: "min(560px, 100%)", height: "auto" });

  // -- recording, in the browser ---------------------------------------------------------
  let recorder = null;
  let stream = null;
  let started = 0;
  let ticking = null;
  let limit = null;
  let boxSeconds = model.get("time_box_s");

  const say = (text) => { state.textContent = text; };
  const tell = (text) => {
    problem.textContent = text;
    model.set("browser_problem", text);
    model.save_changes();
  };
  const showClock = () => {
    const elapsed = recorder ? (performance.now() - started) / 1000 : 0;
    time.textContent = `${clock(elapsed)} / ${clock(recorder ? boxSeconds : model.get("time_box_s"))}`;
    progress.max = recorder ? boxSeconds : model.get("time_box_s");
    progress.value = Math.min(elapsed, progress.max);
  };
  const release = () => {
    clearInterval(ticking);
    clearTimeout(limit);
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
  };
  const finish = () => {
    if (recorder && recorder.state !== "inactive") recorder.stop();
  };

  async function start() {
    tell("");
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      tell(window.isSecureContext === false ? words.not_secure : words.cannot_record);
      return;
    }
    if (typeof window.MediaRecorder === "undefined") {
      tell(words.cannot_record);
      return;
    }
    say(words.asking);
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        // Raw sound: the pauses are measured on it, and noise suppression would shape them.
        audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
    } catch (error) {
      say("");
      tell(problemFor(error, words));
      return;
    }
    const type = PREFERRED_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    if (!type) {
      release();
      say("");
      tell(words.no_format);
      return;
    }
    const chunks = [];
    try {
      recorder = new MediaRecorder(stream, { mimeType: type, audioBitsPerSecond: BITS_PER_SECOND });
    } catch (error) {
      release();
      say("");
      tell(words.cannot_record);
      return;
    }
    boxSeconds = model.get("time_box_s");
    recorder.addEventListener("dataavailable", (event) => { if (event.data.size) chunks.push(event.data); });
    recorder.addEventListener("stop", async () => {
      const used = recorder;
      recorder = null;
      release();
      draw();
      const blob = new Blob(chunks, { type: used.mimeType || type });
      if (!blob.size) {
        // Said by the kernel, beside the recorder, in place of the last "Take saved at …".
        say("");
        model.send({ kind: "nothing" });
        return;
      }
      say(words.measuring);
      const buffer = await blob.arrayBuffer();
      model.send({ kind: "take", mime: blob.type, time_box_s: boxSeconds }, undefined, [buffer]);
    });
    recorder.start(1000);
    started = performance.now();
    ticking = setInterval(showClock, 200);
    limit = setTimeout(finish, boxSeconds * 1000);
    say(words.recording);
    draw();
  }

  record.addEventListener("click", () => { if (!recorder) start(); });
  stop.addEventListener("click", finish);
  remove.addEventListener("click", () => {
    if (!model.get("selected")) return;
    if (window.confirm(words.confirm_delete)) {
      model.send({ kind: "delete" });
    }
  });

  // -- drawing -------------------------------------------------------------------------------
  let shownClip = null;
  let shownChart = "";
  const drawPlayback = () => {
    const clip = model.get("playback");
    if (clip === shownClip) return;
    shownClip = clip;
    if (player.src) URL.revokeObjectURL(player.src);
    if (clip && clip.byteLength) {
      player.src = URL.createObjectURL(new Blob([clip], { type: model.get("playback_mime") }));
      player.style.display = "";
    } else {
      player.removeAttribute("src");
      player.style.display = "none";
    }
  };
  function draw() {
    const readonly = model.get("disabled");
    const busy = model.get("busy");
    const hasTakes = model.get("takes").length > 0;
    recordLine.style.display = readonly ? "none" : "flex";
    remove.style.display = readonly || !hasTakes ? "none" : "";
    record.disabled = readonly || busy || recorder !== null;
    stop.disabled = recorder === null;
    box.draw();
    box.select.disabled = readonly || recorder !== null;
    takes.draw();
    takes.select.disabled = !hasTakes || recorder !== null;
    takeLine.style.display = hasTakes ? "flex" : "none";
    for (const part of [ratings, coachLine]) {
      part.style.display = hasTakes ? "flex" : "none";
    }
    for (const picked of [...selfChoices, ...coachChoices]) picked.draw();
    notes.draw();
    coachName.draw();
    coachNote.draw();
    drawHtml(model, [[result, "result"], [message, "message"]]);
    kept.textContent = model.get("kept");
    if (!busy && state.textContent === words.measuring) say("");
    if (!recorder) showClock();
    drawPlayback();
    const png = model.get("chart");
    chart.style.display = png ? "block" : "none";
    if (png && png !== shownChart) {
      shownChart = png;
      chart.src = `data:image/png;base64,${png}`;
    }
    chart.alt = model.get("chart_alt");
    problem.textContent = model.get("browser_problem");
  }
  model.on("change", draw);
  draw();
  return () => {
    model.off("change", draw);
    finish();
    release();
    if (player.src) URL.revokeObjectURL(player.src);
  };
}

export default { render };
