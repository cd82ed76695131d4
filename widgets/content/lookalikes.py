"""Letters that look like Latin letters or digits, from Unicode's confusables (UTS #39).

:data:`PAIRS` maps each such character to the ASCII letters or digits it stands for (its UTS #39
prototype): Cyrillic "е" and Greek "ο" to "e" and "o", "ꜳ" to "aa". Only what a company name
written in Latin letters can be disguised with is kept, and only what NFKD does not already
bring back (fullwidth and mathematical letters are NFKD's). ASCII itself stands for itself:
UTS #39 maps "m" to "rn" and "1" to "l", which would read "Ledgerline2026" as letters.

Made from ``confusables.txt`` (Unicode 13.0.0, 2020-02-13; © Unicode, Inc., Unicode terms of
use) by ``python -m widgets.content.lookalikes confusables.txt``, which prints this module anew.
"""

from __future__ import annotations

import sys
import unicodedata

UNICODE_VERSION = "13.0.0"

# "hex:prototype" pairs, one space apart.
PAIRS = """
00C6:ae 00D7:x 00E6:ae 0131:i 0152:oe 0153:oe 0184:b 018D:g 0196:l 01A6:r
01A7:2 01B7:3 01BC:5 01BD:s 01C0:l 01C1:ll 021C:3 0222:8 0223:8 0251:a
0261:g 0263:y 0269:i 026A:i 026F:w 028B:u 028F:y 02A3:dz 02A6:ts 02AA:ls
02AB:lz 037F:j 0391:a 0392:b 0395:e 0396:z 0397:h 0399:l 039A:k 039C:m
039D:n 039F:o 03A1:p 03A4:t 03A5:y 03A7:x 03B1:a 03B3:y 03B9:i 03BD:v
03BF:o 03C1:p 03C3:o 03C5:u 03DC:f 03E8:2 03F3:j 03FA:m 0405:s 0406:l
0408:j 0410:a 0412:b 0415:e 0417:3 041A:k 041C:m 041D:h 041E:o 0420:p
0421:c 0422:t 0423:y 0425:x 042B:bl 042C:b 042E:lo 0430:a 0431:6 0433:r
0435:e 043E:o 0440:p 0441:c 0443:y 0445:x 0455:s 0456:i 0458:j 0461:w
0474:v 0475:v 04AE:y 04AF:y 04BB:h 04BD:e 04C0:l 04CF:i 04D4:ae 04D5:ae
04E0:3 0501:d 050C:g 051B:q 051C:w 051D:w 054D:u 054F:s 0555:o 0561:w
0563:q 0566:q 0570:h 0578:n 057C:n 057D:u 0581:g 0584:f 0585:o 05C0:l
05D5:l 05D8:v 05DF:l 05E1:o 05F0:ll 0627:l 0647:o 0661:l 0665:o 0667:v
06BE:o 06C1:o 06D5:o 06F1:l 06F5:o 06F7:v 07C0:o 07CA:l 0966:o 09E6:o
09EA:8 09ED:9 0A66:o 0A67:9 0A6A:8 0AE6:o 0B03:8 0B20:o 0B66:o 0B68:9
0BE6:o 0C02:o 0C66:o 0C82:o 0CE6:o 0D02:o 0D20:o 0D66:o 0D6D:9 0D82:o
0E50:o 0ED0:o 101D:o 1040:o 10E7:y 10FF:o 1200:u 12D0:o 13A0:d 13A1:r
13A2:t 13A5:i 13A9:y 13AA:a 13AB:j 13AC:e 13B3:w 13B7:m 13BB:h 13BD:y
13C0:g 13C2:h 13C3:z 13CE:4 13CF:b 13D2:r 13D4:w 13D5:s 13D9:v 13DA:s
13DE:l 13DF:c 13E2:p 13E6:k 13E7:d 13EE:6 13F3:g 13F4:b 142F:v 144C:u
146D:p 146F:d 1472:b 148D:j 14AA:l 14BF:2 1541:x 157C:h 157D:x 1587:r
15AF:b 15B4:f 15C5:a 15DE:d 15EA:d 15F0:m 15F7:b 166D:x 166E:x 16B7:x
16C1:l 16D5:k 16D6:m 1D04:c 1D0F:o 1D11:o 1D1C:u 1D20:v 1D21:w 1D22:z
1D26:r 1D6B:ue 1D83:g 1D8C:y 1E9D:f 1EFF:y 2016:ll 20B6:lt 212E:e 221E:oo
2223:l 2225:ll 2228:v 222A:u 22A4:t 22C1:v 22C3:u 22FF:e 2373:i 2374:p
237A:a 23FD:l 2573:x 27D9:t 292B:x 292C:x 2A2F:x 2C85:r 2C8E:h 2C92:l
2C94:k 2C98:m 2C9A:n 2C9E:o 2C9F:o 2CA2:p 2CA3:p 2CA4:c 2CA5:c 2CA6:t
2CA8:y 2CAC:x 2CCA:9 2CCC:3 2CD0:l 2CD2:6 2D38:v 2D39:e 2D4F:l 2D54:o
2D55:q 2D5D:x 3007:o A4D0:b A4D1:p A4D2:d A4D3:d A4D4:t A4D6:g A4D7:k
A4D9:j A4DA:c A4DC:z A4DD:f A4DF:m A4E0:n A4E1:l A4E2:s A4E3:r A4E6:v
A4E7:h A4EA:w A4EB:x A4EC:y A4EE:a A4F0:e A4F2:l A4F3:o A4F4:u A644:2
A647:i A698:oo A699:oo A6DF:v A6EF:2 A728:t3 A731:s A732:aa A733:aa A734:ao
A735:ao A736:au A737:au A738:av A739:av A73A:av A73B:av A73C:ay A73D:ay A74E:oo
A74F:oo A75A:2 A76A:3 A76E:9 A777:tf A798:f A799:f A79F:u A7AB:3 A7B2:j
A7B3:x A7B4:b AB32:e AB35:f AB3D:o AB47:r AB48:r AB4E:u AB52:u AB5A:y
AB63:uo AB75:i AB81:r AB83:w AB93:z ABA9:v ABAA:s ABAF:c 10282:b 10286:e
10287:f 1028A:l 10290:x 10292:o 10295:p 10296:s 10297:t 102A0:a 102A1:b 102A2:c
102A5:f 102AB:o 102B0:m 102B1:t 102B2:y 102B4:x 102CF:h 102F5:z 10301:b 10302:c
10309:l 10311:m 10315:t 10317:x 1031A:8 10320:l 10322:x 10404:o 10415:c 1041B:l
10420:s 1042C:o 1043D:c 10448:s 104B4:r 104C2:o 104CE:u 104D2:7 104EA:o 104F6:u
10513:n 10516:o 10518:k 1051C:c 1051D:v 10525:f 10526:l 10527:x 114D0:o 11700:rn
11706:v 1170A:w 1170E:w 1170F:w 118A0:v 118A2:f 118A3:l 118A4:y 118A6:e 118A9:z
118AC:9 118AE:e 118AF:4 118B2:l 118B5:o 118B8:u 118BB:5 118BC:t 118C0:v 118C1:s
118C2:f 118C3:i 118C4:z 118C6:7 118C8:o 118CA:3 118CC:9 118D5:6 118D6:9 118D7:o
118D8:u 118DC:y 118E0:o 118E3:rn 118E5:z 118E6:w 118E9:c 118EC:x 118EF:w 118F2:c
16F08:v 16F0A:t 16F16:l 16F28:l 16F35:r 16F3A:s 16F3B:3 16F40:a 16F42:u 16F43:y
1D206:3 1D20D:v 1D212:7 1D213:f 1D216:r 1D22A:l 1E8C7:l 1E8CB:8 1F700:qe 1F707:ar
1F74C:c 1F75C:sss 1F768:t 1F76B:mb 1F76C:vb
"""


def pairs() -> dict[str, str]:
    """Each look-alike character → the ASCII letters or digits it stands for."""
    return {chr(int(code, 16)): ascii for code, ascii in (p.split(":") for p in PAIRS.split())}


def from_confusables(text: str) -> dict[str, str]:
    """The pairs of ``confusables.txt`` (its text) this module keeps."""
    kept = {}
    for line in text.splitlines():
        fields = [f.strip() for f in line.split("#", 1)[0].split(";")]
        if len(fields) < 2:
            continue
        source = "".join(chr(int(code, 16)) for code in fields[0].split())
        target = "".join(chr(int(code, 16)) for code in fields[1].split())
        if len(source) != 1 or source.isascii() or not (target.isascii() and target.isalnum()):
            continue
        if unicodedata.normalize("NFKD", source) != source:
            continue  # NFKD decomposes it first (fullwidth, mathematical, accented letters)
        kept[source] = target.casefold()
    return kept


def _module(found: dict[str, str]) -> str:
    this = open(__file__, encoding="utf-8").read()  # noqa: SIM115 (read once, here only)
    start = this.index('PAIRS = """\n') + len('PAIRS = """\n')
    end = this.index('\n"""\n', start)
    words = [f"{ord(ch):04X}:{target}" for ch, target in sorted(found.items())]
    lines = [" ".join(words[i : i + 10]) for i in range(0, len(words), 10)]
    return this[:start] + "\n".join(lines) + this[end:]


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8-sig") as source:
        sys.stdout.write(_module(from_confusables(source.read())))
