#!/usr/bin/python3
"""Make Dossier's glyf TrueType faces from Debian's CFF-based CJK fonts (see README.md).

usage: make-fonts.py SOURCE.ttc|.otf FACE-NAME OUT.ttf [--ext-a | --gb2312] [--max-err=E] [--upem=N | --keep-upem]

SOURCE is a font collection or a single OpenType/CFF font; FACE-NAME picks the face of a
collection by its full name ("Noto Serif CJK SC"). The face is cut down to the characters
Dossier prints (charset() below), then its cubic CFF outlines are converted to quadratic glyf
outlines (fontTools cu2qu, max error MAX_ERR units of 1000, or --max-err=E) scaled to UPEM units per em,
which is what fpdf reads (--upem=N scales to N units instead, --keep-upem leaves the
source's em).
Needs python3-fonttools (Debian 12: 4.38).
"""
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.ttLib.scaleUpem import scale_upem


def gb2312():
    """Every character of GB 2312 (rows 1–9 symbols, 16–87 hanzi)."""
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.update(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return {ord(c) for c in out}


def charset(ext_a, gb_only):
    cs = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180)) | gb2312()
    if gb_only:  # GB 2312 and the punctuation Dossier prints, no other hanzi
        for a, b in [(0x2000, 0x206F), (0x2460, 0x2473), (0x3000, 0x303F), (0xFF00, 0xFFEF)]:
            cs.update(range(a, b + 1))
        return cs
    blocks = [
        (0x2000, 0x206F),  # general punctuation: — ‖ “ ” … ‰ ※
        (0x2100, 0x218F),  # letterlike and number forms: ℃ № Ⅰ–Ⅻ
        (0x2190, 0x21FF),  # arrows
        (0x2200, 0x22FF),  # mathematical operators: × ÷ ≤ ≥ ≈ √ ∑
        (0x2460, 0x24FF),  # enclosed alphanumerics: ①–⑳ ⑴ ⒈
        (0x2500, 0x25FF),  # box drawing, geometric shapes: □ ■ ○ ● △
        (0x2600, 0x26FF),  # ★ ☆
        (0x2713, 0x2714),  # ✓
        (0x3000, 0x303F),  # CJK symbols and punctuation: 、。〇《》【】〔〕
        (0x3200, 0x33FF),  # enclosed CJK ㈠ ㊀, CJK compatibility ㎡ ㎏
        (0x4E00, 0x9FFF),  # CJK unified ideographs: every hanzi of GBK (喆 堃 赟 旸 昇 …)
        (0xFE30, 0xFE4F),  # CJK compatibility forms
        (0xFF00, 0xFFEF),  # full-width forms
    ]
    if ext_a:
        blocks.append((0x3400, 0x4DBF))  # CJK extension A (in GB 18030, rare in names)
    for a, b in blocks:
        cs.update(range(a, b + 1))
    return cs


def load(path, face):
    if path.endswith(".ttc"):
        for f in TTCollection(path).fonts:
            if f["name"].getDebugName(4) == face:
                return f
        sys.exit(f"{path}: no face {face!r}")
    return TTFont(path)


# MAX_ERR is cu2qu's tolerance in units of the source's 1000-unit em; UPEM the em the glyf
# outlines are scaled to (--upem N: another). Both keep a report's embedded subsets small
# (issue 9: the notices' text, 1,066 distinct characters, in a report no bigger than
# LibreOffice's 212 KB): 4/1000 em is 0.06 pt at 16 pt, under a 600 dpi printer's dot
# (0.12 pt); the Song face, printed at 16 pt at most, takes 128 units (0.125 pt at 16 pt), the
# Hei face, up to 26 pt and the 120 pt watermark, 256.
MAX_ERR = 4.0
UPEM = 256


def option(name, default):
    """The value of --name=V on the command line, else default."""
    for a in sys.argv:
        if a.startswith("--" + name + "="):
            return type(default)(a[len(name) + 3:])
    return default


def to_quadratic(font, max_err):
    """Replace the CFF table by glyf/loca (after fontTools' Snippets/otf2ttf.py)."""
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for t in ("CFF ", "VORG"):
        if t in font:
            del font[t]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for a in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
              "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
              "maxComponentElements"):
        setattr(maxp, a, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 3.0  # no glyph names: fpdf does not need them
    font.sfntVersion = "\0\1\0\0"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 3:
        sys.exit(__doc__)
    src, face, out = args
    font = load(src, face)
    opts = subset.Options()
    opts.layout_features = []  # fpdf applies no OpenType features
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and licence
    opts.notdef_outline = True
    opts.hinting = False
    opts.desubroutinize = True
    opts.drop_tables += ["VORG", "vhea", "vmtx", "DSIG", "BASE", "GDEF", "GPOS", "GSUB"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=charset("--ext-a" in sys.argv, "--gb2312" in sys.argv))
    sub.subset(font)
    to_quadratic(font, option("max-err", MAX_ERR))
    upem = option("upem", UPEM)
    if upem != font["head"].unitsPerEm and "--keep-upem" not in sys.argv:
        scale_upem(font, upem)
    font.recalcTimestamp = False  # keep the source's head.modified: reproducible output
    font.save(out)


if __name__ == "__main__":
    main()
