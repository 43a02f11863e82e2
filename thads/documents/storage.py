"""Where originals live: content-addressed, written once, read-only, never modified.

An upload is streamed into the staging folder while it is hashed (:func:`stage_upload`), checked
(:mod:`thads.documents.validation`), then renamed into
``MEDIA_ROOT/documents/<sha[:2]>/<sha>.<ext>`` (:func:`commit_original`): one atomic rename on
the same file system, mode 0444. The same bytes uploaded by two offices are two ``Document``
rows over one file. Rendered page images are a disposable cache under
``MEDIA_ROOT/cache/documents/``. Originals are never served from ``MEDIA_URL``: views stream
what the actor may see.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from typing import Any

from thads.documents.conf import media_root
from thads.documents.conf import staging_dir

ORIGINALS_DIR = "documents"
CACHE_DIR = "cache/documents"
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
COPY_CHUNK = 1024 * 1024


class UploadTooLargeError(Exception):
    """The upload passed ``max_bytes`` while it was being copied; nothing was kept."""


@dataclass(frozen=True)
class StagedFile:
    """An upload copied into the staging folder, with its digest and size."""

    path: Path
    sha256: str
    size_bytes: int

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def _chunks(source: Any) -> Iterable[bytes]:
    if hasattr(source, "chunks"):  # Django UploadedFile
        if hasattr(source, "seek"):
            with contextlib.suppress(OSError, ValueError):
                source.seek(0)
        yield from source.chunks(COPY_CHUNK)
        return
    if isinstance(source, str | os.PathLike):
        with Path(source).open("rb") as handle:
            while chunk := handle.read(COPY_CHUNK):
                yield chunk
        return
    handle: IO[bytes] = source
    while chunk := handle.read(COPY_CHUNK):
        yield chunk


def stage_upload(source: Any, *, max_bytes: int) -> StagedFile:
    """Copy ``source`` (an UploadedFile, a path or a binary file) to staging while hashing it.

    Stops as soon as more than ``max_bytes`` arrived and raises ``UploadTooLargeError`` with
    the partial copy removed. The caller's file is never moved or changed.
    """
    folder = staging_dir()
    path = folder / f"upload-{secrets.token_hex(16)}.part"
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("xb") as out:
            for chunk in _chunks(source):
                size += len(chunk)
                if size > max_bytes:
                    raise UploadTooLargeError
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        raise
    return StagedFile(path=path, sha256=digest.hexdigest(), size_bytes=size)


def original_storage_name(sha256: str, extension: str) -> str:
    """Storage name of an original, relative to MEDIA_ROOT: ``documents/ab/abcd….pdf``."""
    return f"{ORIGINALS_DIR}/{sha256[:2]}/{sha256}.{extension}"


def original_path(name: str) -> Path:
    """Absolute path of a stored original; refuses names that leave the originals folder."""
    root = (media_root() / ORIGINALS_DIR).resolve()
    path = (media_root() / name).resolve()
    if not path.is_relative_to(root):
        raise ValueError(f"not an original's storage name: {name!r}")
    return path


def commit_original(staged: StagedFile, name: str) -> Path:
    """Move the staged file to its final, content-addressed place, read-only; return the path.

    When the same content is already stored (another office, an earlier upload) the staged copy
    is dropped and the existing file kept untouched: originals are written once.
    """
    target = original_path(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        staged.discard()
        return target
    staged.path.chmod(READ_ONLY)
    staged.path.replace(target)
    _fsync_dir(target.parent)
    return target


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def page_image_cache_path(sha256: str, *, page: int, width: int, rotation: int) -> Path:
    """Cache file of one rendered page image (PNG); the folder is created on demand."""
    folder = media_root() / CACHE_DIR / sha256[:2] / sha256
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"p{page}-w{width}-r{rotation}.png"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (readers never see half)."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def store_content_addressed(
    directory: str, data: bytes, *, suffix: str = ".pdf"
) -> tuple[str, str]:
    """Write ``data`` once under ``MEDIA_ROOT/<directory>/<sha[:2]>/<sha><suffix>``, read-only.

    For files the platform makes itself (signed decisions and receipts, previews): the name is
    the SHA-256 of the bytes, so a rerun or a concurrent writer stores the same file, and the
    write goes through a rename (readers never see half). Returns ``(name, sha256)``.
    """
    digest = hashlib.sha256(data).hexdigest()
    name = f"{directory}/{digest[:2]}/{digest}{suffix}"
    path = media_root() / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
        path.chmod(0o444)
    return name, digest
