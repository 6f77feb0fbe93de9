"""Atomic file and directory writes: readers see the old content or the new one, never a mix."""
import contextlib
import os
import shutil
import tempfile


def _fsync_directory(directory):
    # The rename itself is only durable once the directory entry is flushed.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _default_mode(is_directory):
    """The permissions a plain `open()` / `mkdir()` would give (mkstemp uses 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if is_directory else 0o666) & ~umask


def _target_directory(path):
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    return directory


@contextlib.contextmanager
def atomic_write(path, mode="wb"):
    """Write a file through a temporary sibling that replaces `path` only on success.

    Args:
        path: destination file path; its parent folders are created.
        mode: `"wb"` (default) or `"w"` (text, UTF-8).

    Returns:
        A context manager yielding the open temporary file object.

    Example:
        >>> with atomic_write("log.csv", "w") as handle:
        ...     handle.write("epoch,loss\\n")
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"atomic_write: `mode` must be 'wb' or 'w', received {mode!r}.")
    path = os.fspath(path)
    directory = _target_directory(path)
    fd, temp_path = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp",
                                     dir=directory)
    os.chmod(temp_path, _default_mode(is_directory=False))
    try:
        encoding = None if "b" in mode else "utf-8"
        newline = None if "b" in mode else ""
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_path, path)
        _fsync_directory(directory)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_path)
        raise


@contextlib.contextmanager
def atomic_write_path(path):
    """Yield a temporary file *path* (for libraries that open files themselves, e.g. h5py).

    The temporary file is fsynced and renamed onto `path` when the block succeeds.

    Args:
        path: destination file path.

    Returns:
        A context manager yielding the temporary path (the file does not exist yet).

    Example:
        >>> with atomic_write_path("w.weights.h5") as temp:
        ...     h5py.File(temp, "w").close()
    """
    path = os.fspath(path)
    directory = _target_directory(path)
    fd, temp_path = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp",
                                     dir=directory)
    os.close(fd)
    os.unlink(temp_path)
    try:
        yield temp_path
        fd = os.open(temp_path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp_path, path)
        _fsync_directory(directory)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_path)
        raise


@contextlib.contextmanager
def atomic_directory(path):
    """Build a directory in a temporary sibling, then swap it in place of `path`.

    A directory cannot be replaced by a single rename when it already exists, so the
    old one is first renamed aside and removed only after the new one is in place.

    Args:
        path: destination directory.

    Returns:
        A context manager yielding the temporary directory path to fill.

    Example:
        >>> with atomic_directory("model_dir") as temp:
        ...     open(os.path.join(temp, "config.json"), "w").close()
    """
    path = os.fspath(path).rstrip(os.sep) or os.sep
    parent = _target_directory(path)
    temp_dir = tempfile.mkdtemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=parent)
    os.chmod(temp_dir, _default_mode(is_directory=True))
    try:
        yield temp_dir
        for root, _, files in os.walk(temp_dir):
            for name in files:
                fd = os.open(os.path.join(root, name), os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        old_aside = None
        if os.path.lexists(path):
            old_aside = tempfile.mkdtemp(prefix=f".{os.path.basename(path)}.old.", dir=parent)
            os.rmdir(old_aside)
            os.replace(path, old_aside)
        os.replace(temp_dir, path)
        _fsync_directory(parent)
        if old_aside is not None:
            if os.path.isdir(old_aside) and not os.path.islink(old_aside):
                shutil.rmtree(old_aside, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(old_aside)
    except BaseException:
        shutil.rmtree(temp_dir, ignore_errors=True)
        raise
