"""Attachments of any domain object: type checked by content (magic bytes),
size and count limited, stored with their SHA-256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from .errors import field_error
from .models import Attachment

MAGIC = {  # mime type -> accepted leading bytes
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/webp": (b"RIFF",),  # plus "WEBP" at offset 8, checked below
    "application/pdf": (b"%PDF-",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
}
TYPE_NAMES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP", "application/pdf": "PDF",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX"}


@dataclass(frozen=True)
class FilePolicy:
    """What one upload field accepts."""

    field: str
    types: tuple[str, ...]
    max_count: int
    max_bytes: int

    @property
    def type_names(self) -> str:
        return "/".join(TYPE_NAMES[t] for t in self.types)


PHOTOS = FilePolicy("photos", ("image/jpeg", "image/png", "image/webp"), max_count=6, max_bytes=5 * 1024 * 1024)
DOCUMENTS = FilePolicy(
    "attachments",
    ("image/jpeg", "image/png", "application/pdf",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    max_count=10, max_bytes=10 * 1024 * 1024,
)


def detect_type(head: bytes, allowed: tuple[str, ...]) -> str | None:
    """The mime type among ``allowed`` whose magic bytes start ``head`` (12 bytes), else None."""
    for mime in allowed:
        if any(head.startswith(m) for m in MAGIC[mime]) and (mime != "image/webp" or head[8:12] == b"WEBP"):
            return mime
    return None


def check_files(files, policy: FilePolicy) -> None:
    """Refuse too many files, files too large, or files whose content is not an accepted type.

    Sets ``detected_type`` on each file for ``attach_files``.
    """
    files = list(files or [])
    mb = policy.max_bytes // (1024 * 1024)
    if len(files) > policy.max_count:
        raise field_error(policy.field, f"最多上传 {policy.max_count} 个文件", f"At most {policy.max_count} files")
    for f in files:
        if f.size > policy.max_bytes:
            raise field_error(policy.field, f"文件“{f.name}”超过 {mb} MB", f"'{f.name}' is larger than {mb} MB")
        head = f.read(12)
        f.seek(0)
        kind = detect_type(head, policy.types)
        if kind is None:
            raise field_error(policy.field, f"“{f.name}”不是 {policy.type_names} 文件",
                              f"'{f.name}' is not a {policy.type_names} file")
        f.detected_type = kind


def attach_files(obj, files, actor) -> list[Attachment]:
    """Store checked ``files`` as attachments of ``obj`` (call inside the service's transaction)."""
    ct = ContentType.objects.get_for_model(type(obj))
    out = []
    for f in files or []:
        data = f.read()
        att = Attachment(
            content_type=ct, object_id=str(obj.pk), name=f.name[:255], mime_type=getattr(f, "detected_type", ""),
            size=len(data), sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        att.file.save(f.name, ContentFile(data), save=False)
        att.save()
        out.append(att)
    return out


def attachments_of(obj):
    """The attachments of ``obj``, oldest first."""
    ct = ContentType.objects.get_for_model(type(obj))
    return Attachment.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("uploaded_at")
