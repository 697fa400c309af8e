"""Second oracle for the CFF subsetter: fontTools (Debian's python3-fonttools).

Usage: cffOutlines.py SOURCE_FONT FACE_INDEX SUBSET_CFF GID,GID,...
Draws every glyph of SUBSET_CFF (glyph i) and the source face's glyph GID[i] with fontTools' Type 2
interpreter and prints "same N" when all N outlines are equal, else the first differences.
"""
import io
import sys

from fontTools.cffLib import CFFFontSet
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont


def outline(charstring):
    pen = RecordingPen()
    charstring.draw(pen)
    return pen.value


def main():
    source_path, face, subset_path, gids = sys.argv[1], int(sys.argv[2]), sys.argv[3], [int(g) for g in sys.argv[4].split(",")]
    font = TTFont(source_path, fontNumber=face, lazy=True)
    order = font.getGlyphOrder()
    source = font["CFF "].cff.topDictIndex[0].CharStrings
    subset = CFFFontSet()
    with open(subset_path, "rb") as f:
        subset.decompile(io.BytesIO(f.read()), None)
    top = subset.topDictIndex[0]
    names = top.charset
    if len(names) != len(gids):
        print(f"glyph count {len(names)} != {len(gids)}")
        sys.exit(1)
    bad = []
    for i, gid in enumerate(gids):
        if outline(top.CharStrings[names[i]]) != outline(source[order[gid]]):
            bad.append(f"glyph {gid} -> {i}")
    if bad:
        print("differ: " + "; ".join(bad[:10]))
        sys.exit(1)
    print(f"same {len(gids)}")


main()
