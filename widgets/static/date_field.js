// Step Up's date field: the browser's date input, but it tells the kernel what it holds only when
// the engineer is done with it (leaves the field, presses Enter, or picks from the calendar), and
// it says when what is typed is no whole date. ipywidgets' DatePicker sends every half-typed year.
// Ids are counted page-wide: each date field's module is compiled for its own model, so a counter
// of the module's own gave every field "stepup-date-0" (every label named the first field).
const nextId = () => (globalThis.stepupNextId = (globalThis.stepupNextId ?? 0) + 1);

function render({ model, el }) {
  el.classList.add("widget-inline-hbox", "widget-datepicker", "stepup-date");
  const label = document.createElement("label");
  label.className = "widget-label";
  const input = document.createElement("input");
  input.type = "date";
  input.className = "widget-input";
  input.id = `stepup-date-${nextId()}`;
  label.htmlFor = input.id;
  el.append(label, input);

  let typed = false; // keys since the field was last sent: wait for blur or Enter
  const send = () => {
    typed = false;
    const incomplete = input.validity.badInput;
    model.set("incomplete", incomplete);
    model.set("text", incomplete ? "" : input.value);
    model.save_changes();
  };
  const show = () => {
    label.textContent = model.get("description");
    label.style.display = model.get("description") ? "" : "none";
    label.style.width = model.get("description_width") || "";
    // A field shown without its label (a row of an interview) still has a name to be read by.
    if (model.get("description")) input.removeAttribute("aria-label");
    else input.setAttribute("aria-label", model.get("label"));
    input.min = model.get("min");
    input.max = model.get("max");
    input.disabled = model.get("disabled");
    if (document.activeElement !== input && !(input.validity.badInput && !model.get("text"))) {
      input.value = model.get("text");
    }
  };
  input.addEventListener("keydown", (event) => {
    // Tab from a whole date sends it: Chromium keeps the focus inside the field (its calendar
    // button) after the year, so waiting for blur took a second Tab.
    if (event.key === "Enter" || (event.key === "Tab" && input.value)) send();
    else if (event.key !== "Tab") typed = true;
  });
  input.addEventListener("change", () => { if (!typed) send(); }); // picked with the mouse
  input.addEventListener("blur", send);
  model.on("change", show);
  show();
}

export default { render };
