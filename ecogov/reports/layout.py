"""The page and fonts of a briefing, after GB/T 9704-2012 (党政机关公文格式).

- Paper A4 (210 mm x 297 mm); margins top 37 mm, bottom 35 mm, left 28 mm,
  right 26 mm, so the type area is 156 mm x 225 mm (clause 5.2.1, 5.2.2).
- Title: 2号 (22 pt) 小标宋体, centred (7.3.1). Body: 3号 (16 pt) 仿宋体,
  22 lines a page, 28 characters a line (5.2.3): 16 pt characters with a fixed
  line pitch of 28.95 pt fill the 225 mm type area in 22 lines (we use 28.9 pt).
- Headings: first level 黑体, second level 楷体, third level 仿宋 bold (7.3.3).
- Page numbers: 4号 (14 pt) Arabic numerals with a dash on each side, "— 1 —" (7.5).
- 版记 (imprint) at the end: 抄送 and the issuing office with the date of printing (7.4).

The document names the fonts an office computer has (仿宋_GB2312, 黑体, 楷体_GB2312,
方正小标宋简体), so Word and WPS show it as the standard asks. The server has
Debian's free CJK fonts instead; ``fontconfig_file`` writes a fontconfig file
mapping each name onto one of them (Noto Serif CJK SC for 仿宋 and 小标宋,
Noto Sans CJK SC for 黑体, AR PL UKai CN for 楷体), which the PDF conversion
uses, so the PDF embeds exactly those fonts (``scripts/system-deps.sh``
installs ``fonts-noto-cjk`` and ``fonts-arphic-ukai``).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

MM = 36000  # EMU per millimetre

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TYPE_AREA_MM = (PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"],
                PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"])

TITLE_PT = 22  # 2号
BODY_PT = 16  # 3号
PAGE_NO_PT = 14  # 4号
TABLE_PT = 12  # 小4号 in tables
LINE_PITCH_PT = 28.9
RED = "C00000"

#: role -> (font named in the document, Debian font it maps to, bold in the PDF)
FONTS = {
    "title": ("方正小标宋简体", "Noto Serif CJK SC", True),
    "body": ("仿宋_GB2312", "Noto Serif CJK SC", False),
    "h1": ("黑体", "Noto Sans CJK SC", False),
    "h2": ("楷体_GB2312", "AR PL UKai CN", False),
    "page": ("宋体", "Noto Serif CJK SC", False),
}
#: Debian packages that provide the fonts above.
FONT_PACKAGES = ("fonts-noto-cjk", "fonts-arphic-ukai")


def _alias(name: str, target: str, bold: bool) -> str:
    weight = '<edit name="weight" mode="assign"><const>bold</const></edit>' if bold else ""
    return (f'<match target="pattern"><test name="family"><string>{escape(name)}</string></test>'
            f'<edit name="family" mode="assign" binding="strong"><string>{escape(target)}</string></edit>'
            f'{weight}</match>')


def fontconfig_xml() -> str:
    """A fontconfig file: the system's configuration plus the document fonts mapped to Debian's."""
    seen: dict[str, str] = {}
    rules = []
    for name, target, bold in FONTS.values():
        if name not in seen:
            seen[name] = target
            rules.append(_alias(name, target, bold))
    return ('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' + "".join(rules) + "</fontconfig>")


def fontconfig_file(folder: Path) -> Path:
    """Write (once) and return the fontconfig file the PDF conversion uses."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    xml = fontconfig_xml()
    if not path.exists() or path.read_text(encoding="utf-8") != xml:
        path.write_text(xml, encoding="utf-8")
    return path
