// Step Up's design step (workbook 04): one step of the framework with its guide questions, the
// engineer's notes and minutes for it, and the message about a refused value, in one widget model.

function render({ model, el }) {
  el.classList.add("stepup-design-step");
  Object.assign(el.style, { display: "flex", flexDirection: "column", margin: "4px 0 8px 0" });
  // Apart from the step above it, and in line with the text of the widgets around it.
  const header = make("div", "", el);
  header.style.margin = "8px 2px 2px 2px";
  const line = make("div", "", el);
  Object.assign(line.style, { display: "flex", alignItems: "flex-start" });
  // The notes grow to fill the line beside their minutes (up to 560px), however narrow the column.
  const answers = make("div", "", line);
  Object.assign(answers.style, { display: "flex", width: "100%", maxWidth: "740px" });
  // The words come from the kernel, in the engineer's language (the words trait).
  const words = model.get("words");
  const notes = longAnswer(
    model, "notes", words.notes,
    { flex: "1 1 auto", maxWidth: "560px", height: "70px" }, answers,
  );
  notes.area.setAttribute("aria-label", words.notes_label);
  const minutes = textAnswer(model, "minutes", model.get("minutes_hint"), "", null);
  const minutesBox = labelled("widget-text", words.minutes, minutes.input, "160px", "60px", answers);
  minutesBox.style.flex = "0 0 auto";
  const message = make("div", "", line);
  message.style.margin = "0 0 0 12px";
  const draw = () => {
    drawHtml(model, [[header, "header"], [message, "message"]]);
    notes.draw();
    minutes.draw();
  };
  model.on("change", draw);
  draw();
  return () => model.off("change", draw);
}

export default { render };
