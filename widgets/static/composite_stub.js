// Waits for the code its CompositeCode model brings (forms/composite_code.py); says so if none comes.
// Its words come from the kernel in the engineer's language (the composite's "words").
const missing = { render({ model, el }) {
  el.textContent = (model.get("words") ?? {}).not_loaded ?? "";
} };
export default async () => Promise.race([
  slot.ready, new Promise((done) => setTimeout(() => done(missing), 30000)),
]);
