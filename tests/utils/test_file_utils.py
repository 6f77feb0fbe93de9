import hashlib
import tarfile
import urllib.error
import zipfile

import pytest

from cornu.utils import get_file
from cornu.utils import file_utils


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "source" / "payload.bin"
    path.parent.mkdir()
    path.write_bytes(b"cornu data" * 10)
    return path


def test_download_from_file_url_into_cache_and_hash_check(tmp_path, source):
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    cache = tmp_path / "cache"
    path = get_file("payload.bin", origin=source.as_uri(), file_hash=digest, cache_dir=cache)
    assert path == str(cache / "datasets" / "payload.bin")
    assert open(path, "rb").read() == source.read_bytes()
    source.unlink()
    assert get_file("payload.bin", origin=source.as_uri(), file_hash=digest,
                    cache_dir=cache) == path


def test_fname_defaults_to_url_basename_and_md5(tmp_path, source):
    digest = hashlib.md5(source.read_bytes()).hexdigest()
    path = get_file(origin=source.as_uri(), md5_hash=digest, cache_dir=tmp_path / "c",
                    cache_subdir="sub")
    assert path.endswith("sub/payload.bin")


def test_hash_mismatch_removes_file_and_raises(tmp_path, source):
    with pytest.raises(ValueError, match="sha256 hash .* does not match"):
        get_file("x.bin", origin=source.as_uri(), file_hash="0" * 64, cache_dir=tmp_path)
    assert not (tmp_path / "datasets" / "x.bin").exists()


def test_offline_error_is_clear(tmp_path, monkeypatch):
    def offline(*args, **kwargs):
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(file_utils.urllib.request, "urlopen", offline)
    with pytest.raises(ConnectionError, match="Could not download https://example.com/a.npz"):
        get_file("a.npz", origin="https://example.com/a.npz", cache_dir=tmp_path)
    assert list((tmp_path / "datasets").iterdir()) == []


def test_extract_tar_and_zip(tmp_path):
    inner = tmp_path / "inner.txt"
    inner.write_text("hello")
    tar_path = tmp_path / "bundle.tar.gz"
    with tarfile.open(tar_path, "w:gz") as archive:
        archive.add(inner, arcname="folder/inner.txt")
    zip_path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.write(inner, arcname="z/inner.txt")
    cache = tmp_path / "cache"
    folder = get_file("bundle.tar.gz", origin=tar_path.as_uri(), extract=True, cache_dir=cache)
    assert open(f"{folder}/folder/inner.txt").read() == "hello"
    folder = get_file("bundle.zip", origin=zip_path.as_uri(), extract=True, cache_dir=cache)
    assert open(f"{folder}/z/inner.txt").read() == "hello"
    legacy = get_file("bundle", origin=tar_path.as_uri(), untar=True, cache_dir=cache)
    assert legacy.endswith("bundle")


def test_extract_refuses_path_traversal(tmp_path):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../escape.txt", "x")
    with pytest.raises(ValueError, match="outside"):
        get_file("evil.zip", origin=evil.as_uri(), extract=True, cache_dir=tmp_path / "c")
    assert not (tmp_path / "c" / "escape.txt").exists()


def test_missing_origin():
    with pytest.raises(ValueError, match="origin"):
        get_file("a.npz")
