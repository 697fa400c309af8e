"""Independent oracle for embedded font programs: fontTools (Debian's python3-fonttools).

Reads a JSON list of jobs on stdin: {"source": FONT, "index": FACE, "subset": FILE, "cff": BOOL,
"gids": [GID, ...]}. FILE is what the PDF embeds (a bare CFF for FontFile3, an sfnt for FontFile2);
its glyph i must draw exactly as the source face's glyph gids[i] (composites decomposed, so a
component renumbered wrongly shows). Prints one
line per job: "same N" or the first differences.
"""
import io
import json
import sys

from fontTools.cffLib import CFFFontSet
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

sources = {}


def source_glyphs(path, index):
    key = (path, index)
    if key not in sources:
        font = TTFont(path, fontNumber=index, lazy=True)
        sources[key] = (font.getGlyphSet(), font.getGlyphOrder())
    return sources[key]


def drawn(glyphset, name):
    pen = DecomposingRecordingPen(glyphset)
    glyphset[name].draw(pen)
    return pen.value


def subset_glyphs(job):
    with open(job["subset"], "rb") as f:
        data = f.read()
    if job["cff"]:
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(data), None)
        top = cff.topDictIndex[0]
        charstrings = top.CharStrings
        names = top.charset

        class GlyphSet(dict):
            pass

        gs = GlyphSet({n: charstrings[n] for n in names})
        return gs, names
    font = TTFont(io.BytesIO(data), lazy=False)
    return font.getGlyphSet(), font.getGlyphOrder()


def main():
    for job in json.load(sys.stdin):
        src_set, src_order = source_glyphs(job["source"], job["index"])
        sub_set, sub_order = subset_glyphs(job)
        gids = job["gids"]
        # A TrueType subset may hold more: the components of composite glyphs come after them.
        if len(sub_order) < len(gids) or (job["cff"] and len(sub_order) != len(gids)):
            print(f"glyph count {len(sub_order)} for {len(gids)}")
            continue
        bad = []
        for i, gid in enumerate(gids):
            if drawn(sub_set, sub_order[i]) != drawn(src_set, src_order[gid]):
                bad.append(f"glyph {gid} -> {i}")
        print("differ: " + "; ".join(bad[:10]) if bad else f"same {len(gids)}")


main()
