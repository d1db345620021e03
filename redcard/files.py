"""Reading input files and writing output files, with every operating-system error said in
one line naming the path: a missing folder, a full disk or a read-only mount is the user's
to fix, not a traceback. Output is written whole or not at all, with the user's umask."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import RedcardError

# What each error means to someone who typed a path, and what to do about it.
_OS_ERRORS = {
    errno.ENOENT: ("does not exist", "check the path"),
    errno.EACCES: ("permission denied", "check the permissions, or choose another place"),
    errno.EPERM: ("permission denied", "check the permissions, or choose another place"),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "check the path"),
    errno.EISDIR: ("is a folder, not a file", "give a file's path, or remove the folder"),
    errno.EEXIST: ("is in the way: a file exists where a folder must go",
                   "choose another folder, or move the file"),
    errno.ENOSPC: ("the disk is full", "free some space, or choose another disk"),
    errno.EDQUOT: ("the disk quota is used up", "free some space, or choose another disk"),
    errno.EFBIG: ("the file would be larger than this system allows",
                  "raise the file-size limit (ulimit -f), or print fewer cards per file"),
    errno.EROFS: ("is on a read-only file system", "choose a folder you can write to"),
    errno.ENAMETOOLONG: ("the name is too long", "use a shorter path"),
    errno.ELOOP: ("has too many symbolic links", "check the path"),
}


class FileAccessError(RedcardError):
    """A file or folder cannot be read or written."""


def os_error(error: OSError, path: Path | str, doing: str,
             kind: type[RedcardError] = FileAccessError) -> RedcardError:
    """The one-line error for an OSError met while `doing` something with `path`."""
    what, fix = _OS_ERRORS.get(error.errno, (error.strerror or str(error),
                                             "check the path and try again"))
    return kind(f"cannot {doing}: {what}", file=str(path), fix=fix)


def read_bytes(path: Path, error: type[RedcardError], max_bytes: int, *,
               what: str = "file") -> bytes:
    """The whole of a regular file of at most `max_bytes`, else `error` naming the path."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise error(f"is a folder, not a {what}", file=str(path), fix="give a file's path")
        if not stat.S_ISREG(info.st_mode):
            raise error("is not a regular file", file=str(path), fix=f"give a {what}'s path")
        if info.st_size > max_bytes:
            raise error(f"is {info.st_size:,} bytes, more than the {max_bytes:,} a {what} "
                        "may be", file=str(path), fix="check it is the right file, or split it")
        with open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise os_error(exc, path, f"read the {what}", error) from None
    if len(data) > max_bytes:  # grew while being read
        raise error(f"is more than the {max_bytes:,} bytes a {what} may be", file=str(path),
                    fix="check it is the right file, or split it")
    return data


class OutputBatch:
    """Files written together, all or none: each is written to a temporary file beside its
    place, and only when every one is written are they renamed into place. A reader never
    sees a partial file; a failure or an interruption leaves what was there before. Files are
    created with mode 0666 less the umask, as any other program's output.

        with OutputBatch() as batch:
            batch.write(out / "es.pdf", data)
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []  # (temporary, final)

    def __enter__(self) -> OutputBatch:
        return self

    def __exit__(self, kind, error, traceback) -> None:  # noqa: ANN001
        if kind is None:
            self.commit()
        else:
            self.discard()

    def write(self, path: Path, data: bytes | Callable[[BinaryIO], None]) -> Path:
        """Stage `data` for `path` (bytes, or a function that writes them to the open file,
        which keeps a large file out of memory); the path it will have once the batch is
        committed."""
        path = Path(path)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.part")
        try:
            if path.is_dir():  # a folder in the way is found now, not at the rename
                raise IsADirectoryError(errno.EISDIR, "Is a directory")
            if path.exists() and not path.is_file():  # /dev/full, a pipe: never replaced
                raise FileAccessError("cannot write the file: it is a device or a pipe, not "
                                      "a file", file=str(path), fix="give a file's path")
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError as exc:
            raise os_error(exc, path.parent, "create the output folder") from None
        except OSError as exc:
            raise os_error(exc, path, "write the file") from None
        self._staged.append((temporary, path))
        try:
            with os.fdopen(handle, "wb") as stream:
                if callable(data):
                    data(stream)
                else:
                    stream.write(data)
        except OSError as exc:
            raise os_error(exc, path, "write the file") from None
        return path

    def commit(self) -> None:
        try:
            for temporary, path in self._staged:
                os.replace(temporary, path)
        except OSError as exc:
            self.discard()
            raise os_error(exc, path, "write the file") from None
        self._staged = []

    def discard(self) -> None:
        for temporary, _ in self._staged:
            temporary.unlink(missing_ok=True)
        self._staged = []


def write_atomically(path: Path, data: bytes | Callable[[BinaryIO], None]) -> Path:
    """One file, written whole or not at all (see OutputBatch)."""
    with OutputBatch() as batch:
        return batch.write(path, data)
