// A kind's drawing code (filled in by forms/composite_code.py), compiled once for every stub.
const code = CODE;
export default {
  async initialize() {
    if (slot.settled) return;
    slot.settled = true;
    const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    try {
      slot.resolve((await import(url)).default);
    } finally {
      URL.revokeObjectURL(url);
    }
  },
};
