// Step Up's tick grid: tick boxes in as many columns as fit (distortions in workbook 01,
// competencies and story types in 03), one widget model for the whole group.

// A "?" button beside a name that shows its definition under it: hover alone (the title) left
// keyboard and touch users without it. words: the model's words (its "define" holds {name}).
function define(box, name, text, words) {
  // ipywidgets gives an inline box one line's height: an opened definition grows it instead
  // of running over the names below.
  Object.assign(box.style, { flexWrap: "wrap", height: "auto", minHeight: "var(--jp-widgets-inline-height)" });
  const button = make("button", "stepup-define", box);
  button.type = "button";
  button.textContent = "?";
  button.setAttribute("aria-label", (words.define || "").replace("{name}", name));
  button.setAttribute("aria-expanded", "false");
  const definition = make("div", "stepup-definition", box);
  definition.id = uid("definition");
  definition.textContent = text;
  definition.style.flexBasis = "100%";
  definition.hidden = true;
  button.setAttribute("aria-controls", definition.id);
  button.addEventListener("click", () => {
    definition.hidden = !definition.hidden;
    button.setAttribute("aria-expanded", String(!definition.hidden));
  });
}

function render({ model, el }) {
  el.classList.add("stepup-tick-grid");
  const grid = make("div", "", el);
  grid.setAttribute("role", "group");
  Object.assign(grid.style, {
    display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(15em, 1fr))",
    width: "100%", maxWidth: "920px",
  });
  const message = make("div", "", el);
  let boxes = [];
  const build = () => {
    grid.setAttribute("aria-label", model.get("label"));
    boxes = model.get("options").map(([id, name, hover]) => {
      const box = make("div", "jupyter-widgets widget-inline-hbox widget-checkbox");
      box.style.width = "auto";
      box.title = hover;
      const label = make("label", "widget-label-basic", box);
      const input = make("input", "", label);
      input.type = "checkbox";
      make("span", "", label).textContent = name;
      if (hover) define(box, name, hover, model.get("words") || {});
      input.addEventListener("change", () => {
        const ticked = new Set(model.get("chosen"));
        if (input.checked) ticked.add(id); else ticked.delete(id);
        model.set("chosen", model.get("options").map((o) => o[0]).filter((o) => ticked.has(o)));
        model.save_changes();
      });
      return [id, input, box];
    });
    grid.replaceChildren(...boxes.map((b) => b[2]));
  };
  const draw = () => {
    const chosen = new Set(model.get("chosen"));
    for (const [id, input] of boxes) {
      input.checked = chosen.has(id);
      input.disabled = model.get("disabled");
    }
    drawHtml(model, [[message, "message"]]);
  };
  model.on("change:options", build);
  model.on("change", draw);
  build();
  draw();
  return () => { model.off("change:options", build); model.off("change", draw); };
}

export default { render };
