"""The journal (the only place SQL runs), its records, JSON transfer, the clock, the kernel's
journal. May import: content."""
