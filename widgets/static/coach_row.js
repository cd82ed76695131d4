// Step Up's coach rating row (workbook 02): the coach's level and note for one competency, with
// the message about a refused note, in one widget model.

function render({ model, el }) {
  el.classList.add("stepup-coach-row");
  Object.assign(el.style, { display: "flex", flexFlow: "row wrap", alignItems: "center" });
  const level = choice(model, "level", "level_options", model.get("competency_name"), "400px", "230px", el);
  const words = model.get("words") || {}; // the kernel's, in the engineer's language
  const note = textAnswer(model, "note", words.note || "", "360px", el);
  note.input.setAttribute("aria-label", words.note_name || "");
  const message = make("div", "", el);
  message.style.margin = "0 0 0 12px";
  const draw = () => {
    level.draw();
    note.draw();
    drawHtml(model, [[message, "message"]]);
  };
  model.on("change", draw);
  draw();
  return () => model.off("change", draw);
}

export default { render };
