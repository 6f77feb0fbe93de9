"""Write a file atomically: temp file in the same folder, fsync, then `os.replace`."""
import contextlib
import os
import tempfile


@contextlib.contextmanager
def atomic_output_path(path):
    """Yield a temporary path next to `path`; on success it replaces `path` atomically.

    Args:
        path: final destination.

    Returns:
        A context manager yielding the temporary file path to write to.

    Example:
        >>> with atomic_output_path("image.png") as temp_path:
        ...     image.save(temp_path, format="PNG")
    """
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    handle, temp_path = tempfile.mkstemp(prefix=".tmp_", suffix=".part", dir=folder)
    os.close(handle)
    try:
        yield temp_path
        with open(temp_path, "rb+") as written:
            written.flush()
            os.fsync(written.fileno())
        os.replace(temp_path, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temp_path)
        raise
