"""The PDF embeds every font it uses, and every character of the document has a glyph in
those embedded fonts (the CJK fonts the install step brings from Debian)."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection, TTFont

from ecogov.reports import services
from ecogov.reports.document import docx_text
from ecogov.reports.models import Briefing

pytestmark = pytest.mark.django_db
SUBSET = re.compile(r"^[A-Z]{6}\+")


def _embedded_fonts(pdf: bytes) -> list[tuple[str, str]]:
    """``(name, emb)`` of each font in the PDF, from poppler's pdffonts."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(pdf)
        fh.flush()
        out = subprocess.run(["pdffonts", fh.name], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        emb = next(p for p in parts[1:] if p in ("yes", "no"))
        rows.append((parts[0], emb))
    return rows


def _face_cmap(postscript: str) -> set[int]:
    """The characters of the installed face with that PostScript name (TTC faces included)."""
    base = SUBSET.sub("", postscript).removesuffix("-VKana")
    listing = subprocess.run(["fc-list", f":postscriptname={base}", "file"], capture_output=True, text=True,
                             check=True).stdout.split(":")[0].strip()
    assert listing, f"font {base} is not installed"
    fonts = TTCollection(listing).fonts if listing.endswith(".ttc") else [TTFont(listing)]
    face = next((f for f in fonts if f["name"].getDebugName(6) == base), fonts[0])
    return set(face.getBestCmap())


def test_every_character_has_a_glyph_in_the_embedded_fonts(registry_data, tree, admin_user,
                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        b = services.briefing_generate(user=admin_user, kind="monthly", period="2021-08", jurisdiction=tree["city"])
    b = Briefing.objects.get(pk=b.pk)
    pdf = Path(b.pdf.path).read_bytes()
    fonts = _embedded_fonts(pdf)
    assert fonts and all(emb == "yes" for _, emb in fonts), fonts
    covered: set[int] = set()
    for name, _ in fonts:
        covered |= _face_cmap(name)
    text = docx_text(Path(b.docx.path).read_bytes())
    missing = sorted({ch for ch in text if not ch.isspace() and ord(ch) not in covered})
    assert missing == []
    assert "与3家企业签订了生态环境保护承诺书" in text  # the text checked is the briefing's own


def test_a_character_outside_the_fonts_is_caught():
    """The check itself: a private-use character has no glyph in any embedded CJK font."""
    cmap = _face_cmap("NotoSerifCJKjp-Regular")
    assert ord("承") in cmap and ord("\ue000") not in cmap
