// Controls that Step Up's composite widgets draw (put in front of each widget's own module by
// widgets.forms.base.composite_esm): one widget model draws a row of them, instead of an ipywidgets
// model for each control and its layout and style. They wear ipywidgets' classes, so they look like
// the rest of the notebook.
// Counted page-wide (each kind's code keeps its own module scope): unique across kinds, models
// and two copies of a workbook open in one JupyterLab.
const uid = (name) => `stepup-${name}-${(globalThis.stepupNextId = (globalThis.stepupNextId ?? 0) + 1)}`;

function make(tag, className, parent) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (parent) parent.append(element);
  return element;
}

// A labelled box in ipywidgets' style: label and control side by side.
function labelled(kind, text, control, width, labelWidth, parent) {
  const box = make("div", `jupyter-widgets widget-inline-hbox ${kind}`, parent);
  const label = make("label", "widget-label", box);
  label.textContent = text;
  label.style.width = labelWidth;
  label.style.flexShrink = "0";
  control.id = uid(kind);
  label.htmlFor = control.id;
  box.append(control);
  box.style.width = width;
  return box;
}

// A select over (label, value) pairs; values may be numbers or null, so options carry indexes.
function choice(model, answer, optionsName, text, width, labelWidth, parent) {
  const select = document.createElement("select");
  labelled("widget-dropdown", text, select, width, labelWidth, parent);
  const draw = () => {
    const options = model.get(optionsName);
    if (select.options.length !== options.length ||
        options.some((option, i) => select.options[i].textContent !== option[0])) {
      select.replaceChildren(...options.map((option, i) => {
        const item = document.createElement("option");
        item.value = String(i);
        item.textContent = option[0];
        return item;
      }));
    }
    select.value = String(Math.max(0, options.findIndex((option) => option[1] === model.get(answer))));
    select.disabled = model.get("disabled");
  };
  select.addEventListener("change", () => {
    const option = model.get(optionsName)[Number(select.value)];
    if (!option) return;
    model.set(answer, option[1]);
    model.save_changes();
  });
  return { select, draw };
}

// Typed text goes to the kernel as it is typed, which commits it once typing pauses (a box's
// words are saved even if it is never left: the tab closed, the lid shut). Not while an input
// method is composing a character: its half-made syllables are not the engineer's words yet.
function sendTyped(model, answer, box) {
  const send = () => {
    if (box.value === model.get(answer)) return;
    model.set(answer, box.value);
    model.save_changes();
  };
  box.addEventListener("input", (event) => { if (!event.isComposing) send(); });
  box.addEventListener("compositionend", send);
  box.addEventListener("change", send);
}

// A one-line text answer.
function textAnswer(model, answer, placeholder, width, parent) {
  const input = make("input", "widget-input", parent);
  input.type = "text";
  input.placeholder = placeholder;
  input.style.width = width;
  sendTyped(model, answer, input);
  const draw = () => {
    if (document.activeElement !== input) input.value = model.get(answer);
    input.disabled = model.get("disabled");
  };
  return { input, draw };
}

// HTML parts (from Step Up's autoescaping templates), redrawn only when they change.
function drawHtml(model, parts) {
  for (const [element, name] of parts) {
    if (element.innerHTML !== model.get(name)) element.innerHTML = model.get(name);
  }
}

// A tick box with its words, in ipywidgets' checkbox style.
function tickAnswer(model, answer, text, parent) {
  const box = make("div", "jupyter-widgets widget-inline-hbox widget-checkbox", parent);
  box.style.width = "auto";
  const label = make("label", "widget-label-basic", box);
  const input = make("input", "", label);
  input.type = "checkbox";
  const words = make("span", "", label);
  words.textContent = text;
  input.addEventListener("change", () => {
    model.set(answer, input.checked);
    model.save_changes();
  });
  const draw = () => {
    input.checked = model.get(answer);
    input.disabled = model.get("disabled");
  };
  return { input, draw };
}

// A few lines of answer, sent as typed like textAnswer.
function longAnswer(model, answer, placeholder, style, parent) {
  const box = make("div", "jupyter-widgets widget-inline-hbox widget-textarea", parent);
  Object.assign(box.style, style);
  const area = make("textarea", "widget-input", box);
  area.placeholder = placeholder;
  sendTyped(model, answer, area);
  const draw = () => {
    if (document.activeElement !== area) area.value = model.get(answer);
    area.disabled = model.get("disabled");
  };
  return { area, draw };
}

