"""Reading untrusted zip archives and HDF5 files without trusting anything they declare.

Archives are read member by member into memory (never extracted by path); HDF5 files
are checked object by object before any dataset is read: links, external storage,
virtual datasets, unknown filters and oversized shapes are refused up front.
"""
import io
import os
import stat
import zipfile

import numpy as np

MAX_MEMBER_SIZE = 4 * 1024 ** 3
MAX_COMPRESSION_RATIO = 100
# Small members may legitimately compress very well (e.g. a repetitive config).
_RATIO_CHECK_FLOOR = 1024 * 1024
# Built-in HDF5 filters: deflate, shuffle, fletcher32, szip, nbit, scaleoffset, lzf.
# Any other filter id would make HDF5 search for and load a plugin library.
_KNOWN_FILTERS = frozenset({1, 2, 3, 4, 5, 6, 32000})
_FILTER_EXPANSION_LIMIT = 100


class UnsafeFileError(ValueError):
    """A file was refused because reading it could escape the file or exhaust memory."""


class CorruptFileError(ValueError):
    """A file is truncated, damaged or not of the expected type."""


# --------------------------------------------------------------------------- zip


def _check_member(info):
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise UnsafeFileError(f"Archive member {name!r} has an absolute path; refusing to load.")
    if ".." in parts:
        raise UnsafeFileError(f"Archive member {name!r} contains '..'; refusing to load.")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise UnsafeFileError(f"Archive member {name!r} is a symbolic link; refusing to load.")
    if info.file_size > MAX_MEMBER_SIZE:
        raise UnsafeFileError(
            f"Archive member {name!r} declares {info.file_size} bytes (limit "
            f"{MAX_MEMBER_SIZE}); refusing a possible decompression bomb.")
    if (info.file_size > _RATIO_CHECK_FLOOR
            and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)):
        raise UnsafeFileError(
            f"Archive member {name!r} declares {info.file_size} bytes but stores only "
            f"{info.compress_size} (more than {MAX_COMPRESSION_RATIO}x); refusing a possible "
            "decompression bomb.")


class SafeZipReader:
    """Read-only view of a zip archive whose members were all checked on open.

    Args:
        path: path of the archive.

    Example:
        >>> with SafeZipReader("model.keras") as archive:
        ...     config = archive.read("config.json")
    """

    def __init__(self, path):
        self.path = os.fspath(path)
        self._handle = open(self.path, "rb")
        try:
            if not zipfile.is_zipfile(self._handle):
                raise CorruptFileError(
                    f"{self.path!r} is not a zip archive (a .keras file must be a zip).")
            self._handle.seek(0)
            try:
                self._zip = zipfile.ZipFile(self._handle, "r")
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
                raise CorruptFileError(f"{self.path!r} is a damaged zip archive: {error}") from None
            self._members = {}
            for info in self._zip.infolist():
                _check_member(info)
                if info.filename in self._members:
                    raise UnsafeFileError(
                        f"Archive member {info.filename!r} appears twice; refusing an "
                        "ambiguous archive.")
                self._members[info.filename] = info
        except BaseException:
            self._handle.close()
            raise

    def names(self):
        return list(self._members)

    def __contains__(self, name):
        return name in self._members

    def read(self, name):
        """Return the bytes of one member (its size was checked when the archive opened)."""
        info = self._members.get(name)
        if info is None:
            raise CorruptFileError(f"{self.path!r} has no member {name!r}.")
        try:
            with self._zip.open(info) as member:
                data = member.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
            raise CorruptFileError(
                f"Member {name!r} of {self.path!r} cannot be read: {error}") from None
        if len(data) != info.file_size:
            raise CorruptFileError(
                f"Member {name!r} of {self.path!r} has {len(data)} bytes but declares "
                f"{info.file_size}.")
        return data

    def close(self):
        self._zip.close()
        self._handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# -------------------------------------------------------------------------- HDF5


def _h5py():
    import h5py

    return h5py


def _check_dataset(dataset, path, budget):
    h5py = _h5py()
    if dataset.is_virtual:
        raise UnsafeFileError(f"HDF5 dataset {path!r} is a virtual dataset; refusing to load.")
    plist = dataset.id.get_create_plist()
    if plist.get_external_count() > 0:
        raise UnsafeFileError(
            f"HDF5 dataset {path!r} uses external storage (data in another file); refusing.")
    filtered = False
    for index in range(plist.get_nfilters()):
        filter_id = plist.get_filter(index)[0]
        if filter_id not in _KNOWN_FILTERS:
            raise UnsafeFileError(
                f"HDF5 dataset {path!r} uses unknown filter {filter_id} (it would load a "
                "plugin library); refusing.")
        filtered = True
    dtype = dataset.dtype
    if dtype.kind not in "biufc" or dtype.hasobject or dtype.fields is not None:
        if h5py.check_string_dtype(dtype) is None:
            raise UnsafeFileError(
                f"HDF5 dataset {path!r} has dtype {dtype}, not a plain numeric type; refusing.")
    shape = dataset.shape or ()
    if any(dim is None for dim in shape):
        raise UnsafeFileError(f"HDF5 dataset {path!r} has an unbounded shape {shape}.")
    nbytes = int(np.prod(shape, dtype=np.float64)) * max(dtype.itemsize, 1)
    limit = budget * (_FILTER_EXPANSION_LIMIT if filtered else 1)
    if nbytes > limit:
        raise UnsafeFileError(
            f"HDF5 dataset {path!r} declares shape {shape} ({nbytes} bytes), more than the "
            f"file can hold ({budget} bytes); refusing a possible shape bomb.")


def check_h5_tree(root, file_size):
    """Validate every link and dataset under `root` before anything is read.

    Args:
        root: an open `h5py.File` or `h5py.Group`.
        file_size: size in bytes of the file it came from (bounds dataset sizes).

    Raises:
        UnsafeFileError: on external/soft links, external storage, virtual datasets,
            unknown filters, non-numeric dtypes or shape bombs.
    """
    h5py = _h5py()
    budget = max(int(file_size), 1)
    pending = [("", root)]
    seen = set()
    while pending:
        prefix, group = pending.pop()
        for key in group.keys():
            path = f"{prefix}/{key}"
            link = group.get(key, getlink=True)
            if isinstance(link, h5py.ExternalLink):
                raise UnsafeFileError(
                    f"HDF5 object {path!r} is an external link to {link.filename!r}; refusing.")
            if isinstance(link, h5py.SoftLink):
                raise UnsafeFileError(
                    f"HDF5 object {path!r} is a soft link to {link.path!r}; refusing.")
            if not isinstance(link, h5py.HardLink):
                raise UnsafeFileError(f"HDF5 object {path!r} is an unknown link type; refusing.")
            obj = group[key]
            address = h5py.h5o.get_info(obj.id).addr
            if isinstance(obj, h5py.Group):
                if address in seen:
                    raise UnsafeFileError(f"HDF5 group {path!r} forms a cycle; refusing.")
                seen.add(address)
                pending.append((path, obj))
            elif isinstance(obj, h5py.Dataset):
                _check_dataset(obj, path, budget)
            else:
                raise UnsafeFileError(f"HDF5 object {path!r} has an unsupported kind; refusing.")


class SafeH5File:
    """Open an HDF5 file (path or bytes) read-only after checking it with `check_h5_tree`.

    Args:
        source: a file path, or the bytes of an HDF5 file (e.g. a `.keras` member).
        description: how to name the file in errors.

    Example:
        >>> with SafeH5File("model.weights.h5") as h5:
        ...     kernel = h5["layers/dense/vars/0"][()]
    """

    def __init__(self, source, description=None):
        h5py = _h5py()
        if isinstance(source, (bytes, bytearray)):
            self.description = description or "<HDF5 bytes>"
            self._handle = io.BytesIO(bytes(source))
            size = len(source)
        else:
            self.description = description or os.fspath(source)
            # Opening in Python keeps every file access explicit (h5py reads through it).
            self._handle = open(os.fspath(source), "rb")
            size = os.fstat(self._handle.fileno()).st_size
        self.file_size = size
        signature = self._handle.read(8)
        self._handle.seek(0)
        if signature != b"\x89HDF\r\n\x1a\n":
            self._handle.close()
            raise CorruptFileError(f"{self.description!r} is not an HDF5 file.")
        try:
            self.file = h5py.File(self._handle, "r")
        except (OSError, ValueError, RuntimeError) as error:
            self._handle.close()
            raise CorruptFileError(
                f"{self.description!r} is a damaged HDF5 file: {error}") from None
        try:
            check_h5_tree(self.file, size)
        except (OSError, RuntimeError, KeyError) as error:
            self.close()
            raise CorruptFileError(
                f"{self.description!r} is a damaged HDF5 file: {error}") from None
        except BaseException:
            self.close()
            raise

    def close(self):
        try:
            self.file.close()
        except Exception:  # closing a damaged file must not hide the original error
            pass
        self._handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def read_dataset(dataset, description):
    """Read a checked dataset into NumPy, turning HDF5 read failures into `CorruptFileError`."""
    try:
        value = dataset[()]
    except (OSError, RuntimeError, ValueError, KeyError) as error:
        raise CorruptFileError(
            f"{description}: dataset {dataset.name!r} cannot be read: {error}") from None
    marked = dataset.attrs["dtype"] if "dtype" in dataset.attrs else None
    if isinstance(marked, bytes):
        marked = marked.decode("utf-8", "replace")
    if marked == "bfloat16" and np.asarray(value).dtype.itemsize == 2:
        import ml_dtypes

        value = np.asarray(value).view(ml_dtypes.bfloat16)
    return value
