"""The hostile-input corpus: values an engineer, a paste, a broken file or an attacker could send.

Each entry point of Step Up is run against it in tests/test_hostile.py: every form field, the JSON
import, the company-ladder import, seeds files, chart labels and the CLI.
"""

from __future__ import annotations

TEXT = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)' x='",
    "<iframe src=javascript:alert(1)></iframe>",
    "javascript:alert(1)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "{{ 7*7 }} {% for x in y %}",
    "$\\frac{1}{0}$ and a lone $",
    "\\\\server\\share \\n",
    "%s%s%n%x",
    "'; DROP TABLE entries; --",
    "a\x00b",
    "\x1b[2J\x1b[31mred",
    "\u202eevil.exe",
    "zero\u200bwidth\u200djoiner",
    "\ufeffbyte order mark",
    "lone \ud800 surrogate",
    "😀" * 40,
    "é" * 121,
    "line\r\nbreaks\rand\nmore",
    "x" * 5_001,
    "x" * 1_000_000,
    "",
    "   ",
    "\t\n\t",
    "ﷺ" * 60,
]

NUMBERS = [
    "nan",
    "NaN",
    "inf",
    "-inf",
    "-1",
    "101",
    "1e308",
    "1e-308",
    "1" + "0" * 40,
    "0x10",
    "1_000",
    "½",
    "٣",
    "1,5",
    "80%",
    "",
    " ",
    "abc",
    "6.5.1",
    "--5",
]

DATES = [
    "2026-02-30",
    "0000-01-01",
    "9999-12-31",
    "yesterday",
    "",
    "2026-13-01",
    "1e9",
    None,
    20261125,
    [],
    {},
]
