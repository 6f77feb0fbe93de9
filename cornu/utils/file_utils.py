"""`get_file`: download a file once into the cornu cache, verify its hash, extract archives."""
import hashlib
import os
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
import zipfile

from cornu.saving.atomic import atomic_write_path as atomic_output_path

_ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar", ".zip")


def cache_root(cache_dir=None):
    """The cache folder: `cache_dir`, else `$CORNU_HOME`, else `~/.cornu` (or a temp dir)."""
    if cache_dir is None:
        cache_dir = os.environ.get("CORNU_HOME") or os.path.join(os.path.expanduser("~"),
                                                                 ".cornu")
    root = os.path.expanduser(cache_dir)
    try:
        os.makedirs(root, exist_ok=True)
    except OSError:
        root = os.path.join(tempfile.gettempdir(), ".cornu")
        os.makedirs(root, exist_ok=True)
    if not os.access(root, os.W_OK):
        root = os.path.join(tempfile.gettempdir(), ".cornu")
        os.makedirs(root, exist_ok=True)
    return root


def _resolve_algorithm(file_hash, hash_algorithm):
    if hash_algorithm in ("sha256", "md5"):
        return hash_algorithm
    if hash_algorithm != "auto":
        raise ValueError(f"`hash_algorithm` must be 'auto', 'sha256' or 'md5'; received "
                         f"{hash_algorithm!r}.")
    return "sha256" if len(file_hash) == 64 else "md5"


def hash_file(path, algorithm="sha256", chunk_size=65535):
    """Hex digest of a file ("sha256" or "md5")."""
    hasher = hashlib.sha256() if algorithm == "sha256" else hashlib.md5()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(chunk_size), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def validate_file(path, file_hash, algorithm="auto"):
    """True when the file's digest equals `file_hash`."""
    algorithm = _resolve_algorithm(file_hash, algorithm)
    return hash_file(path, algorithm) == str(file_hash).lower()


def _is_within(base, target):
    base = os.path.realpath(base)
    return os.path.commonpath([base, os.path.realpath(target)]) == base


def extract_archive(path, destination, archive_format="auto"):
    """Extract a tar or zip archive, refusing links and paths that escape `destination`.

    Returns:
        True when `path` was an archive of an accepted format and was extracted.
    """
    formats = ["tar", "zip"] if archive_format == "auto" else (
        [archive_format] if isinstance(archive_format, str) else list(archive_format or []))
    os.makedirs(destination, exist_ok=True)
    if "tar" in formats and tarfile.is_tarfile(path):
        with tarfile.open(path) as archive:
            members = archive.getmembers()
            for member in members:
                if member.issym() or member.islnk() or member.isdev():
                    raise ValueError(f"Refusing to extract link or device {member.name!r} "
                                     f"from {path}.")
                if not _is_within(destination, os.path.join(destination, member.name)):
                    raise ValueError(f"Refusing to extract {member.name!r} outside "
                                     f"{destination}.")
            archive.extractall(destination, members=members, filter="data")
        return True
    if "zip" in formats and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if not _is_within(destination, os.path.join(destination, name)):
                    raise ValueError(f"Refusing to extract {name!r} outside {destination}.")
            archive.extractall(destination)
        return True
    return False


def _download(origin, destination):
    try:
        with urllib.request.urlopen(origin, timeout=60) as response, \
                atomic_output_path(destination) as temp_path:
            with open(temp_path, "wb") as handle:
                shutil.copyfileobj(response, handle)
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise ConnectionError(
            f"Could not download {origin}: {reason}. cornu has no network access here (or "
            f"the URL is wrong). Download the file elsewhere and place it at {destination} "
            "to use the cached copy.") from error


def get_file(fname=None, origin=None, untar=False, md5_hash=None, file_hash=None,
             cache_subdir="datasets", hash_algorithm="auto", extract=False,
             archive_format="auto", cache_dir=None, force_download=False):
    """Download a file from a URL unless it is already cached, and return its local path.

    Args:
        fname: file name in the cache (defaults to the last part of `origin`); an
            absolute path is used as is.
        origin: URL to download from (`file://` URLs work offline).
        untar: legacy: extract a tar archive next to the file; returns the folder
            named after `fname` without its extension.
        md5_hash: legacy alias of `file_hash` with md5.
        file_hash: expected sha256 (64 hex digits) or md5 digest of the file.
        cache_subdir: sub-folder of the cache (default "datasets").
        hash_algorithm: "auto", "sha256" or "md5".
        extract: extract the archive into `<path>_extracted` and return that folder.
        archive_format: "auto", "tar", "zip", or a list of them.
        cache_dir: cache root (default `~/.cornu`).
        force_download: download even when a cached copy exists.

    Returns:
        Path to the downloaded file (or the extracted folder).

    Example:
        >>> path = get_file("mnist.npz", origin="https://.../mnist.npz",
        ...                 file_hash="731c5ac6...")
    """
    if origin is None:
        raise ValueError('Please specify the "origin" argument (URL of the file to download).')
    if md5_hash is not None and file_hash is None:
        file_hash, hash_algorithm = md5_hash, "md5"
    if not fname:
        fname = os.path.basename(urllib.request.url2pathname(origin.split("?")[0]))
        if not fname:
            raise ValueError(f"Cannot infer a file name from origin {origin!r}; pass `fname`.")
    fname = os.fspath(fname)
    if untar and not fname.endswith(_ARCHIVE_SUFFIXES):
        fname = fname + ".tar.gz"
    if os.path.isabs(fname):
        path = fname
    else:
        folder = os.path.join(cache_root(cache_dir), cache_subdir)
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, fname)
    download = force_download or not os.path.exists(path)
    if not download and file_hash is not None and not validate_file(path, file_hash,
                                                                     hash_algorithm):
        download = True
    if download:
        _download(origin, path)
        if file_hash is not None and not validate_file(path, file_hash, hash_algorithm):
            os.remove(path)
            algorithm = _resolve_algorithm(file_hash, hash_algorithm)
            raise ValueError(
                f"Incomplete or corrupted file detected: the {algorithm} hash of the file "
                f"downloaded from {origin} does not match the expected value {file_hash}.")
    if untar:
        target = path
        for suffix in _ARCHIVE_SUFFIXES:
            if target.endswith(suffix):
                target = target[:-len(suffix)]
                break
        if not os.path.exists(target):
            extract_archive(path, os.path.dirname(path), "tar")
        return target
    if extract:
        target = path + "_extracted"
        if download or not os.path.isdir(target):
            if os.path.isdir(target):
                shutil.rmtree(target)
            if not extract_archive(path, target, archive_format):
                raise ValueError(f"get_file(extract=True): {path} is not a tar or zip archive "
                                 f"of the accepted formats {archive_format!r}.")
        return target
    return path
