"""The archival PDF of a .docx: LibreOffice (Debian's ``libreoffice-writer-nogui``) run headless.

PDF/A-2b (``SelectPdfVersion`` 2) embeds every font; the fontconfig file of
``layout`` maps the document's official font names onto Debian's CJK fonts.
Conversions share one LibreOffice profile under ``var/`` and run one at a time
(a file lock), so a profile is never used by two processes.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from ecogov.core.errors import DomainError

from . import layout

FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
TIMEOUT_S = 120


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise DomainError("pdf_unavailable", "服务器未安装 LibreOffice，无法生成 PDF（运行 scripts/system-deps.sh）",
                          "LibreOffice is not installed: run scripts/system-deps.sh to make PDFs")
    return found


def _work_dir() -> Path:
    path = Path(settings.VAR_DIR) / "libreoffice"
    path.mkdir(parents=True, exist_ok=True)
    return path


def docx_to_pdf(data: bytes) -> bytes:
    """The PDF of the .docx ``data``."""
    work = _work_dir()
    env = {**os.environ, "FONTCONFIG_FILE": str(layout.fontconfig_file(work)), "HOME": str(work),
           "SAL_USE_VCLPLUGIN": "svp"}
    profile = (work / "profile").as_uri()
    with open(work / "lock", "w") as lock, tempfile.TemporaryDirectory(dir=work) as tmp:
        fcntl.flock(lock, fcntl.LOCK_EX)
        src = Path(tmp) / "briefing.docx"
        src.write_bytes(data)
        cmd = [soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
               "--convert-to", FILTER, "--outdir", tmp, str(src)]
        done = subprocess.run(cmd, env=env, capture_output=True, timeout=TIMEOUT_S, check=False)
        out = Path(tmp) / "briefing.pdf"
        if done.returncode != 0 or not out.exists():
            raise DomainError("pdf_failed", "PDF 转换失败", "The PDF conversion failed",
                              detail={"stderr": done.stderr.decode(errors="replace")[-500:]})
        return out.read_bytes()
