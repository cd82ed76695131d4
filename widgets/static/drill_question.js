// Step Up's deep-dive probe (workbook 03): the question, the answer, how solid it is and the
// research flag of one probe, with the message about a refused answer, in one widget model.

function render({ model, el }) {
  el.classList.add("stepup-drill-question");
  // The words come from the kernel, in the engineer's language (the words trait: answer,
  // answer_label, confidence, needs_research; widgets.forms.drills.probe_words makes them).
  const words = model.get("words") || {};
  Object.assign(el.style, { display: "flex", flexDirection: "column", margin: "6px 0 10px 0" });
  const question = make("div", "", el);
  const answerLine = make("div", "", el);
  Object.assign(answerLine.style, { display: "flex", alignItems: "center" });
  const answer = longAnswer(
    model, "answer", words.answer,
    { width: "100%", maxWidth: "620px", height: "70px" }, answerLine,
  );
  answer.area.setAttribute("aria-label", words.answer_label);
  const message = make("div", "", answerLine);
  message.style.margin = "0 0 0 12px";
  const choices = make("div", "", el);
  Object.assign(choices.style, { display: "flex", flexFlow: "row wrap", alignItems: "center" });
  const confidence = choice(model, "confidence", "confidence_options", words.confidence, "300px", "", choices);
  const research = tickAnswer(model, "needs_research", words.needs_research, choices);
  const draw = () => {
    drawHtml(model, [[question, "question"], [message, "message"]]);
    answer.draw();
    confidence.draw();
    research.draw();
  };
  model.on("change", draw);
  draw();
  return () => model.off("change", draw);
}

export default { render };
