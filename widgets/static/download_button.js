// Step Up's download button: one click asks the kernel for a file, and the file the kernel sends
// back is saved by the browser. ipywidgets cannot start a download from Python: the click goes to
// Python as a counter ("clicks"), Python answers with a custom message whose one binary buffer is
// the file, and this turns the buffer into a Blob URL that a hidden <a download> clicks once.
function render({ model, el }) {
  el.classList.add("stepup-download");
  const button = document.createElement("button");
  button.type = "button";
  // ipywidgets' own button classes: the same look as every other button of a workbook.
  button.className = "jupyter-widgets jupyter-button widget-button";
  button.style.width = "auto";
  const icon = document.createElement("i");
  icon.className = "fa fa-download";
  icon.setAttribute("aria-hidden", "true");
  icon.style.marginRight = "6px";
  const label = document.createElement("span");
  button.append(icon, label);
  el.append(button);

  // Pressed and not answered yet: a second press would write and download the file twice.
  let waiting = false;
  const draw = () => {
    label.textContent = model.get("description");
    button.title = model.get("tooltip");
    button.disabled = waiting || model.get("disabled");
    button.setAttribute("aria-busy", String(waiting));
  };
  const pressed = () => {
    if (waiting || model.get("disabled")) return;
    waiting = true;
    draw();
    model.set("clicks", model.get("clicks") + 1);
    model.save_changes();
  };
  const received = (message, buffers) => {
    if (message.kind === "done") {
      waiting = false;
      draw();
      return;
    }
    if (message.kind !== "download" || !buffers || !buffers.length) return;
    const url = URL.createObjectURL(new Blob(buffers, { type: message.mime }));
    const link = document.createElement("a");
    link.href = url;
    link.download = message.filename;
    link.style.display = "none";
    el.append(link);
    link.click();
    link.remove();
    // Revoking at once can cancel a download that has not started reading the Blob yet.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  button.addEventListener("click", pressed);
  model.on("msg:custom", received);
  model.on("change:description", draw);
  model.on("change:tooltip", draw);
  model.on("change:disabled", draw);
  draw();
  return () => {
    button.removeEventListener("click", pressed);
    model.off("msg:custom", received);
    model.off("change:description", draw);
    model.off("change:tooltip", draw);
    model.off("change:disabled", draw);
  };
}

export default { render };
