"""Backups that restore: one ``.tar`` file with the database and the uploaded files.

``backup(path)`` writes ``db.sqlite3`` (SQLite's online backup API: a consistent copy
while the platform runs) or ``db.pgdump`` (``pg_dump`` custom format), every file under
``MEDIA_ROOT`` as ``media/...``, and ``manifest.json`` (database vendor, row count of
every table, the audit chain's head). ``restore(path, target)`` loads it into an
*empty* database (a new SQLite file, or ``pg_restore`` into a database without
tables), puts the files back, then checks the row counts against the manifest and
recomputes the audit chain: a restore that does not reproduce the backup fails loudly.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone

from .errors import DomainError


class BackupError(DomainError):
    status = 409


def _pg_env(db: dict) -> dict[str, str]:
    env = {**os.environ, "PGHOST": str(db.get("HOST") or "127.0.0.1"), "PGPORT": str(db.get("PORT") or 5432),
           "PGUSER": str(db.get("USER") or "postgres")}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def table_counts(using: str = "default") -> dict[str, int]:
    conn = connections[using]
    qn = conn.ops.quote_name
    with conn.cursor() as cur:
        names = sorted(conn.introspection.table_names(cur))
        out = {}
        for name in names:
            cur.execute(f"SELECT COUNT(*) FROM {qn(name)}")  # names from the database's own catalogue
            out[name] = cur.fetchone()[0]
    return out


def _manifest(using: str) -> dict[str, Any]:
    from . import audit_chain
    from .models import AuditLog

    return {"format": 1, "vendor": connections[using].vendor, "created": timezone.now().isoformat(),
            "tables": table_counts(using), "audit_head": audit_chain.verify(AuditLog, using=using).head}


def _dump_database(using: str, workdir: Path) -> Path:
    conn = connections[using]
    if conn.vendor == "sqlite":
        out = workdir / "db.sqlite3"
        conn.ensure_connection()
        dest = sqlite3.connect(out)
        try:
            conn.connection.backup(dest)
        finally:
            dest.close()
        return out
    if conn.vendor == "postgresql":
        out = workdir / "db.pgdump"
        db = conn.settings_dict
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(out), db["NAME"]],
                       env=_pg_env(db), check=True, capture_output=True)
        return out
    raise BackupError("unsupported_database", "不支持此数据库的备份", f"no backup for {conn.vendor}")


def backup(path: Path, *, using: str = "default") -> dict[str, Any]:
    """Write the backup file ``path``; returns its manifest."""
    manifest = _manifest(using)
    with tempfile.TemporaryDirectory() as tmp:
        dump = _dump_database(using, Path(tmp))
        with tarfile.open(path, "w") as tar:
            tar.add(dump, arcname=dump.name)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                tar.add(media, arcname="media")
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return manifest


def _require_empty(using: str) -> None:
    conn = connections[using]
    with conn.cursor() as cur:
        tables = conn.introspection.table_names(cur)
    if tables:
        raise BackupError("restore_not_empty", "只能恢复到空数据库（目标数据库已有数据表）",
                          f"restore needs an empty database; the target has {len(tables)} tables")


def restore(path: Path, *, using: str = "default", media_root: Path | None = None) -> dict[str, Any]:
    """Load the backup ``path`` into the empty database ``using``; check counts and the audit chain."""
    conn = connections[using]
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(path) as tar:
        tar.extractall(tmp, filter="data")
        work = Path(tmp)
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest["vendor"] != conn.vendor:
            raise BackupError("restore_vendor", "备份与目标数据库类型不同",
                              f"the backup is of {manifest['vendor']}, the target is {conn.vendor}")
        _require_empty(using)
        if conn.vendor == "sqlite":
            conn.close()
            target = sqlite3.connect(conn.settings_dict["NAME"])
            source = sqlite3.connect(work / "db.sqlite3")
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
        else:
            conn.close()
            db = conn.settings_dict
            subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "-d", db["NAME"],
                            str(work / "db.pgdump")], env=_pg_env(db), check=True, capture_output=True)
        if (work / "media").exists():
            shutil.copytree(work / "media", media_root or Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    return check_restored(manifest, using)


def check_restored(manifest: dict[str, Any], using: str) -> dict[str, Any]:
    from . import audit_chain
    from .models import AuditLog

    counts = table_counts(using)
    wrong = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
    if wrong:
        raise BackupError("restore_counts", "恢复后的行数与备份不一致", f"row counts differ after restore: {wrong}")
    verdict = audit_chain.verify(AuditLog, using=using)
    if not verdict.ok or (manifest.get("audit_head") and verdict.head != manifest["audit_head"]):
        raise BackupError("restore_audit", "恢复后的审计链校验失败",
                          f"the restored audit chain does not verify (row {verdict.bad_id}, head {verdict.head})")
    return {"tables": len(counts), "rows": sum(counts.values()), "audit_rows": verdict.checked, "head": verdict.head}
