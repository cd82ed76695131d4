// Step Up's part of the page, once per kernel (widgets.forms.base.PageKeys), never drawn:
// - keys pressed in Step Up's controls act on the control, not on the notebook;
// - what is typed is committed when the page is hidden or closed;
// - a form whose typing the kernel has not acknowledged says so beside its status line.
const SUPPRESS = "data-lm-suppress-shortcuts";
const ACK_WAIT_MS = 4000; // the kernel commits after a 1 s pause; this leaves it 3 s more

// JupyterLab's command-mode shortcuts match any focused element that is not a text box: with a
// dropdown focused, "m" turned the form's cell into Markdown and ArrowDown moved to the next cell.
// Lumino skips an element that carries SUPPRESS, so it is set on the control as the key goes
// down (this listener runs before Lab's, which listens on the document). Shortcuts with Ctrl,
// Alt or Meta (save, run with Shift+Enter or Ctrl+Enter) stay JupyterLab's; Escape leaves the
// control for its cell, as Escape leaves a cell's editor.
function keepKeys(event) {
  const target = event.target;
  if (!(target instanceof Element) || !target.closest(".stepup-keys")) return;
  if (event.key === "Escape") {
    target.removeAttribute(SUPPRESS);
    const cell = target.closest(".jp-Cell");
    const notebook = target.closest(".jp-Notebook");
    if (cell && cell.tabIndex >= 0) cell.focus();
    else if (notebook) notebook.focus();
    else target.blur();
    return;
  }
  const theNotebooks = event.ctrlKey || event.altKey || event.metaKey ||
    (event.key === "Enter" && event.shiftKey);
  if (theNotebooks) target.removeAttribute(SUPPRESS);
  else target.setAttribute(SUPPRESS, "");
}

// Typing watched per status line: after the last key, the kernel must change the status line
// ("Not saved yet…", then "Saved at …") within ACK_WAIT_MS, or the form says its words wait.
const watched = new WeakMap();

function watchStatus(status) {
  let state = watched.get(status);
  if (!state) {
    state = { answered: false, timer: 0, notice: null };
    new MutationObserver(() => {
      state.answered = true;
      state.notice?.remove();
      state.notice = null;
    }).observe(status, { childList: true, subtree: true, characterData: true });
    watched.set(status, state);
  }
  return state;
}

function typedIn(event) {
  const target = event.target;
  if (!(target instanceof Element) || !target.matches("input, textarea")) return;
  const status = target.closest(".stepup-form")?.querySelector(".stepup-status-line");
  if (!status) return;
  const state = watchStatus(status);
  state.answered = false;
  clearTimeout(state.timer);
  state.timer = setTimeout(() => {
    if (state.answered || state.notice || !status.isConnected) return;
    state.notice = document.createElement("div");
    state.notice.className = "stepup-error stepup-unsaved";
    state.notice.setAttribute("role", "status");
    state.notice.textContent = globalThis.stepupUnsaved;
    status.after(state.notice);
  }, ACK_WAIT_MS);
}

function installOnce() {
  if (globalThis.stepupPageKeys) return;
  globalThis.stepupPageKeys = true;
  window.addEventListener("keydown", keepKeys, true);
  document.addEventListener("input", typedIn, true);
}

export default {
  initialize({ model }) {
    installOnce();
    const sentence = () => { globalThis.stepupUnsaved = model.get("unsaved"); };
    sentence();
    model.on("change:unsaved", sentence);
    // Every kernel's typing is committed now, not after its pause: the page may not come back.
    const commit = () => model.send({ commit: "now" });
    const hidden = () => { if (document.visibilityState === "hidden") commit(); };
    window.addEventListener("pagehide", commit);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      model.off("change:unsaved", sentence);
      window.removeEventListener("pagehide", commit);
      document.removeEventListener("visibilitychange", hidden);
    };
  },
};
