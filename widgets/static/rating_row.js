// Step Up's competency rating row (workbook 02): the level slider, target, confidence, weight and
// evidence of one competency, and the HTML shown with them, in one widget model.

// The level slider: a native range input, named by its label, announcing the level's name
// (ipywidgets' slider is a div a screen reader cannot name; axe: aria-input-field-name). It saves
// on "change" (when the pointer is released) or on each key step, once.
function levelSlider(model, parent) {
  const words = model.get("words") || {};
  const box = make("div", "stepup-level", parent);
  Object.assign(box.style, { display: "flex", alignItems: "center", gap: "8px" });
  const label = make("label", "", box);
  const input = make("input", "", box);
  input.type = "range";
  input.min = "0";
  input.step = "1";
  input.id = uid("level");
  label.htmlFor = input.id;
  label.textContent = words.current || "";
  label.style.minWidth = "62px";
  input.style.width = "260px";
  input.style.maxWidth = "100%";

  const index = () => {
    const found = model.get("level_options").findIndex((option) => option[1] === model.get("current"));
    return Math.max(0, found);
  };
  const draw = () => {
    const options = model.get("level_options");
    input.max = String(Math.max(0, options.length - 1));
    input.value = String(index());
    input.setAttribute("aria-valuetext", options.length ? options[index()][0] : "");
    input.disabled = model.get("disabled");
  };
  const chosen = () => {
    const option = model.get("level_options")[Number(input.value)];
    if (!option) return;
    input.setAttribute("aria-valuetext", option[0]);
    model.set("current", option[1]);
    model.save_changes();
  };
  // JupyterLab's shortcuts cancel the arrow keys' default action in a notebook, so the slider
  // steps itself and keeps the keys from reaching Lab (as ipywidgets' own slider does).
  const steps = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 1, PageDown: -1 };
  input.addEventListener("keydown", (event) => {
    const last = Number(input.max);
    let next = null;
    if (event.key in steps) next = Number(input.value) + steps[event.key];
    if (event.key === "Home") next = 0;
    if (event.key === "End") next = last;
    if (next === null || input.disabled) return;
    event.preventDefault();
    event.stopPropagation();
    next = Math.min(last, Math.max(0, next));
    if (next === Number(input.value)) return;
    input.value = String(next);
    chosen();
  });
  input.addEventListener("change", chosen);
  return { box, draw };
}

function render({ model, el }) {
  el.classList.add("stepup-rating-row");
  Object.assign(el.style, {
    display: "flex", flexDirection: "column", borderBottom: "1px solid #eee", padding: "4px 0 8px 0",
  });
  const title = make("div", "", el);
  const sliderLine = make("div", "", el);
  Object.assign(sliderLine.style, { display: "flex", alignItems: "center" });
  const slider = levelSlider(model, sliderLine);
  const saved = make("div", "stepup-row-saved", sliderLine);
  saved.style.margin = "0 0 0 12px";
  const descriptor = make("div", "stepup-descriptor", el);
  const choices = make("div", "", el);
  Object.assign(choices.style, { display: "flex", flexFlow: "row wrap" });
  // The labels are the kernel's, in the engineer's language (the model's words).
  const words = model.get("words") || {};
  const target = choice(model, "target", "target_options", words.target || "", "260px", "60px", choices);
  const confidence = choice(model, "confidence", "confidence_options", words.confidence || "", "270px", "80px", choices);
  const weight = choice(model, "weight", "weight_options", words.weight || "", "230px", "100px", choices);
  const evidence = longAnswer(
    model, "evidence", words.evidence || "",
    { width: "100%", maxWidth: "760px", height: "56px" }, el,
  );
  const message = make("div", "", el);
  const stories = make("div", "", el);
  const coach = make("div", "", el);
  const html = [[title, "title"], [saved, "saved"], [descriptor, "descriptor"],
    [message, "message"], [stories, "stories"], [coach, "coach_view"]];

  const draw = () => {
    drawHtml(model, html);
    slider.draw();
    target.draw();
    confidence.draw();
    weight.draw();
    weight.select.title = model.get("weight_hint");
    evidence.area.setAttribute("aria-label", (model.get("words") || {}).evidence_name || "");
    evidence.draw();
  };
  model.on("change", draw);
  draw();
  return () => model.off("change", draw);
}

export default { render };
