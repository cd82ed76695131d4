// Waits for the code its CompositeCode model brings (forms/composite_code.py); says so if none comes.
const missing = { render({ el }) {
  el.textContent = "This part of the form did not load: run the cell again.";
} };
export default async () => Promise.race([
  slot.ready, new Promise((done) => setTimeout(() => done(missing), 30000)),
]);
