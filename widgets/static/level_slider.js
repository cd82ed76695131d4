// Step Up's level slider: a native <input type="range"> over the levels of a ladder. Unlike
// ipywidgets' slider (a div the screen reader cannot name; axe: aria-input-field-name), it is
// labelled by its description, announces the level's name (aria-valuetext), and takes the
// keyboard. It saves on "change" (when the pointer is released) or on each key step, once.
let count = 0;

function render({ model, el }) {
  el.classList.add("stepup-level");
  el.style.display = "flex";
  el.style.alignItems = "center";
  el.style.gap = "8px";
  const label = document.createElement("label");
  const input = document.createElement("input");
  input.type = "range";
  input.min = "0";
  input.step = "1";
  input.id = `stepup-level-${Date.now().toString(36)}-${count++}`;
  label.htmlFor = input.id;
  label.style.minWidth = "62px";
  input.style.width = "260px";
  input.style.maxWidth = "100%";
  el.append(label, input);

  const index = () => {
    const found = model.get("options").findIndex((option) => option[1] === model.get("value"));
    return Math.max(0, found);
  };
  const draw = () => {
    const options = model.get("options");
    input.max = String(Math.max(0, options.length - 1));
    input.value = String(index());
    input.setAttribute("aria-valuetext", options.length ? options[index()][0] : "");
    label.textContent = model.get("description");
    input.disabled = model.get("disabled");
  };
  const chosen = () => {
    const option = model.get("options")[Number(input.value)];
    if (!option) return;
    input.setAttribute("aria-valuetext", option[0]);
    model.set("value", option[1]);
    model.save_changes();
  };
  // JupyterLab's shortcuts cancel the arrow keys' default action in a notebook, so the slider
  // steps itself and keeps the keys from reaching Lab (as ipywidgets' own slider does).
  const steps = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 1, PageDown: -1 };
  const keyed = (event) => {
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
  };
  input.addEventListener("change", chosen);
  input.addEventListener("keydown", keyed);
  model.on("change:value", draw);
  model.on("change:options", draw);
  model.on("change:description", draw);
  model.on("change:disabled", draw);
  draw();
  return () => {
    input.removeEventListener("change", chosen);
    input.removeEventListener("keydown", keyed);
    model.off("change:value", draw);
    model.off("change:options", draw);
    model.off("change:description", draw);
    model.off("change:disabled", draw);
  };
}

export default { render };
