"""Attachment checks by content, size and count; storage with SHA-256."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ecogov.core.attachments import DOCUMENTS, PHOTOS, FilePolicy, attach_files, attachments_of, check_files
from ecogov.core.errors import ValidationFailed
from ecogov.core.models import Department

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 8


def upload(name, data):
    return SimpleUploadedFile(name, data)


def test_types_are_judged_by_content_not_by_name():
    check_files([upload("a.png", PNG), upload("b.webp", WEBP)], PHOTOS)
    with pytest.raises(ValidationFailed) as err:
        check_files([upload("evil.png", b"MZ\x90\x00 not an image")], PHOTOS)
    assert "JPEG/PNG/WebP" in err.value.message_zh
    with pytest.raises(ValidationFailed):  # RIFF but not WEBP (a WAV file)
        check_files([upload("a.webp", b"RIFF\x10\x00\x00\x00WAVEfmt ")], PHOTOS)
    with pytest.raises(ValidationFailed):  # a PDF is a document, not a photo
        check_files([upload("a.pdf", b"%PDF-1.7\n")], PHOTOS)
    check_files([upload("a.pdf", b"%PDF-1.7\n")], DOCUMENTS)


def test_count_and_size_limits():
    small = FilePolicy("photos", ("image/png",), max_count=2, max_bytes=1024 * 1024)
    with pytest.raises(ValidationFailed) as err:
        check_files([upload(f"{i}.png", PNG) for i in range(3)], small)
    assert "最多上传 2" in err.value.message_zh
    with pytest.raises(ValidationFailed) as err:
        check_files([upload("big.png", PNG + b"\x00" * 1024 * 1024)], small)
    assert "1 MB" in err.value.message_zh


def test_attach_files_stores_hash_and_type(tree, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dept = Department.objects.create(code="D1", name="x", jurisdiction=tree["city"])
    files = [upload("a.png", PNG)]
    check_files(files, PHOTOS)
    attach_files(dept, files, officer)
    att = attachments_of(dept).get()
    assert att.mime_type == "image/png" and att.size == len(PNG)
    assert att.sha256 == hashlib.sha256(PNG).hexdigest() and att.uploaded_by == officer
