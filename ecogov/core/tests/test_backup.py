"""A backup restores: ``ecogov restore`` (a real run of the command, in a fresh database)
reproduces every table's row count, the uploaded files and a verified audit chain."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection, transaction
from django.test import override_settings

from ecogov.core.audit import audit_record
from ecogov.core.backup import backup, table_counts

ECOGOV = str(Path(sys.executable).with_name("ecogov"))
RESTORE_DB = "ecogov_h7_restore"


def _city_with_history(tree):
    with transaction.atomic():
        for i in range(20):
            audit_record(actor=None, obj=tree["district_a"], event="update", changes={"n": [i, i + 1]})


def _restore(tmp_path, archive, database_url) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(DATABASE_URL=database_url, ECOGOV_MEDIA_ROOT=str(tmp_path / "restored-media"),
               ECOGOV_VAR_DIR=str(tmp_path / "var"))
    return subprocess.run([ECOGOV, "restore", str(archive)], env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database(tree, tmp_path):
    _city_with_history(tree)
    media = tmp_path / "media"
    (media / "attachments").mkdir(parents=True)
    (media / "attachments" / "letter.pdf").write_bytes(b"%PDF-1.4 commitment letter")
    archive = tmp_path / "backup.tar"
    with override_settings(MEDIA_ROOT=media):
        manifest = backup(archive)
    assert manifest["tables"] == table_counts() and manifest["tables"]["core_auditlog"] == 20
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    else:
        admin = connection.settings_dict
        with psycopg.connect(host=admin["HOST"], port=admin["PORT"] or 5432, user=admin["USER"],
                             dbname="postgres", autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{RESTORE_DB}"')
            pg.execute(f'CREATE DATABASE "{RESTORE_DB}"')
        url = f"postgres://{admin['USER']}@{admin['HOST']}:{admin['PORT'] or 5432}/{RESTORE_DB}"
    done = _restore(tmp_path, archive, url)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = sum(manifest["tables"].values())
    assert f"restored {len(manifest['tables'])} tables, {rows} rows; audit chain verified (20 rows" in done.stdout
    assert (tmp_path / "restored-media" / "attachments" / "letter.pdf").read_bytes() == b"%PDF-1.4 commitment letter"
    # a second restore into the now non-empty database is refused, nothing touched
    again = _restore(tmp_path, archive, url)
    assert again.returncode != 0 and "empty database" in again.stderr
