// Step Up's chart: one <img> of the kernel's PNG bytes with the alt text the kernel wrote, which
// states what the chart shows and its numbers. ipywidgets' Image draws an <img> with no alt at all.
// The bytes arrive as a binary buffer (a DataView), as Image's do, and become an object URL.
function render({ model, el }) {
  el.classList.add("stepup-chart");
  const img = document.createElement("img");
  img.style.display = "block";
  img.style.height = "auto";
  el.append(img);

  const picture = () => {
    const old = img.src;
    img.src = URL.createObjectURL(new Blob([model.get("value")], { type: "image/png" }));
    if (old) URL.revokeObjectURL(old);
  };
  const words = () => { img.alt = model.get("alt"); };
  const width = () => { img.style.maxWidth = `min(${model.get("max_width") || "100%"}, 100%)`; };
  // ipywidgets' own image class (its styles, and what pages look for), and the widget's classes
  // on the <img> too, so `img.stepup-radar` finds the radar itself.
  const classes = () => {
    img.className = "";
    img.classList.add("widget-image", "stepup-chart-image", ...(model.get("_dom_classes") || []));
  };
  model.on("change:value", picture);
  model.on("change:alt", words);
  model.on("change:max_width", width);
  model.on("change:_dom_classes", classes);
  words(); // the alt before the picture: no moment where the image has none
  width();
  classes();
  picture();
  return () => {
    model.off("change:value", picture);
    model.off("change:alt", words);
    model.off("change:max_width", width);
    model.off("change:_dom_classes", classes);
    if (img.src) URL.revokeObjectURL(img.src);
  };
}

export default { render };
