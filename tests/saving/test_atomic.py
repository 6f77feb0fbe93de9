"""Atomic writes: a writer killed at any moment leaves the old file or the new one."""
import hashlib
import os
import signal
import subprocess
import sys
import time

import pytest

from cornu.saving import atomic

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

WRITER = r"""
import hashlib, os, sys
import importlib.util
import h5py, numpy as np
# Load only the atomic module: importing the whole package would pull in an engine.
spec = importlib.util.spec_from_file_location("atomic", sys.argv[3])
atomic = importlib.util.module_from_spec(spec)
spec.loader.exec_module(atomic)
path, kind = sys.argv[1], sys.argv[2]
version = 0
while True:
    version += 1
    payload = os.urandom(1 << 19)
    if kind == "bytes":
        with atomic.atomic_write(path) as handle:
            handle.write(hashlib.sha256(payload).digest())
            handle.write(payload)
    else:
        with atomic.atomic_write_path(path) as temp:
            with h5py.File(temp, "w") as h5:
                h5["payload"] = np.frombuffer(payload, dtype="uint8")
                h5.attrs["digest"] = hashlib.sha256(payload).hexdigest()
    print(version, flush=True)
"""


def _valid_bytes(path):
    data = open(path, "rb").read()
    return hashlib.sha256(data[32:]).digest() == data[:32] and len(data) == 32 + (1 << 19)


def _valid_h5(path):
    import h5py

    with h5py.File(path, "r") as h5:
        payload = h5["payload"][()].tobytes()
        return hashlib.sha256(payload).hexdigest() == h5.attrs["digest"]


def test_atomic_write_replaces_content(tmp_path):
    target = tmp_path / "sub" / "file.txt"
    with atomic.atomic_write(target, "w") as handle:
        handle.write("first")
    with atomic.atomic_write(target, "w") as handle:
        handle.write("second")
    assert target.read_text() == "second"
    assert os.listdir(target.parent) == ["file.txt"]


def test_failed_write_keeps_old_file_and_no_temp(tmp_path):
    target = tmp_path / "file.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic.atomic_write(target) as handle:
            handle.write(b"partial")
            raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["file.bin"]


def test_atomic_directory_swaps_whole_folder(tmp_path):
    target = tmp_path / "model_dir"
    with atomic.atomic_directory(target) as temp:
        open(os.path.join(temp, "a.txt"), "w").write("1")
    with atomic.atomic_directory(target) as temp:
        open(os.path.join(temp, "b.txt"), "w").write("2")
    assert sorted(os.listdir(target)) == ["b.txt"]
    assert sorted(os.listdir(tmp_path)) == ["model_dir"]


@pytest.mark.parametrize("kind", ["bytes", "h5"])
def test_killed_writer_never_leaves_torn_file(tmp_path, kind):
    target = str(tmp_path / ("out.bin" if kind == "bytes" else "out.weights.h5"))
    env = dict(os.environ, PYTHONPATH=REPO_ROOT)
    validate = _valid_bytes if kind == "bytes" else _valid_h5
    kills = 0
    for attempt in range(8):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, target, kind, atomic.__file__], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Let it finish at least one write on the first round, then kill at varied moments.
        line = writer.stdout.readline()
        assert line, writer.stderr.read().decode()[-2000:]
        time.sleep(0.003 * attempt)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        writer.stderr.close()
        kills += 1
        assert os.path.exists(target)
        assert validate(target), f"torn file after kill {attempt}"
    assert kills == 8


def test_atomic_files_and_directories_get_ordinary_permissions(tmp_path):
    import os
    import stat

    from cornu.saving.atomic import atomic_directory, atomic_write

    umask = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "plain.bin") as handle:
            handle.write(b"x")
        with atomic_directory(tmp_path / "folder") as temp:
            (tmp_path / "folder.marker").write_text("")
            open(os.path.join(temp, "f"), "w").close()
    finally:
        os.umask(umask)
    assert stat.S_IMODE(os.stat(tmp_path / "plain.bin").st_mode) == 0o644
    assert stat.S_IMODE(os.stat(tmp_path / "folder").st_mode) == 0o755
