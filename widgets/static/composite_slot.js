// Where a kind's code meets its stubs, page-wide (forms/composite_code.py fills in the kind's key).
const slots = (globalThis.stepupComposites ??= {});
const slot = (slots[KEY] ??= (() => {
  let resolve;
  const ready = new Promise((done) => { resolve = done; });
  return { ready, resolve };
})());
