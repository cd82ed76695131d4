// Step Up's rubric score row (workbook 04): a dimension's score, what the chosen score means, and
// the message about a refused score, in one widget model. Self and coach scores both use it.

function render({ model, el }) {
  el.classList.add("stepup-design-score");
  Object.assign(el.style, { display: "flex", flexDirection: "column" });
  const line = make("div", "", el);
  Object.assign(line.style, { display: "flex", alignItems: "center" });
  const score = choice(model, "score", "score_options", model.get("dimension_name"), "360px", "200px", line);
  const message = make("div", "", line);
  message.style.margin = "0 0 0 12px";
  // Under the picker, in line with it (past the 2px margin, the 200px label and its 8px gap).
  const descriptor = make("div", "stepup-descriptor", el);
  Object.assign(descriptor.style, { margin: "0 0 6px 210px", maxWidth: "560px" });
  const draw = () => {
    drawHtml(model, [[descriptor, "descriptor"], [message, "message"]]);
    score.draw();
  };
  model.on("change", draw);
  draw();
  return () => model.off("change", draw);
}

export default { render };
