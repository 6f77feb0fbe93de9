"""Crafted malicious / broken files for the saving red-team tests (built in a tmp dir).

Each builder writes one file and returns its path; `build_corpus(directory)` returns
`{case_name: (path, kind)}` where kind is `"model"` (load with load_model) or
`"weights"` (load with load_weights).
"""
import base64
import json
import marshal
import os
import stat
import struct
import zipfile

import h5py
import numpy as np

METADATA = {"keras_version": "3.15.1", "date_saved": "2026-01-01@00:00:00"}


def write_keras_zip(path, config, weights=None, extra_members=()):
    """A .keras archive with the given config dict (and optionally raw extra members)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("metadata.json", json.dumps(METADATA))
        archive.writestr("config.json", json.dumps(config))
        archive.writestr("model.weights.h5", weights if weights is not None else _empty_h5())
        for info, data in extra_members:
            archive.writestr(info, data)
    return path


def _empty_h5():
    import io

    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as h5:
        h5.create_group("vars")
    return buffer.getvalue()


def lambda_payload():
    code = (lambda t: t + 1.0).__code__
    return {"class_name": "__lambda__",
            "config": {"code": base64.b64encode(marshal.dumps(code)).decode("ascii"),
                       "defaults": None, "closure": None}}


def _layer_entry(class_name, config, module="keras.layers"):
    return {"module": module, "class_name": class_name, "config": config,
            "registered_name": None}


def _sequential(layers):
    return {"module": "keras", "class_name": "Sequential",
            "config": {"name": "evil", "trainable": True, "layers": layers},
            "registered_name": None}


CONFIG_CASES = {
    # A Lambda payload anywhere in the config (refused unless safe_mode=False).
    "lambda_payload": lambda_payload(),
    "lambda_layer": _sequential([_layer_entry("Lambda", {"name": "l", "function":
                                                         lambda_payload()})]),
    # Modules/classes outside the registry (refused even with safe_mode=False).
    "os_system": {"module": "os", "class_name": "system", "config": {"command": "touch pwned"},
                  "registered_name": None},
    "subprocess_run": {"module": "subprocess", "class_name": "run",
                       "config": {"args": ["touch", "pwned"]}, "registered_name": None},
    "builtins_eval": {"module": "builtins", "class_name": "function",
                      "config": "eval", "registered_name": "function"},
    "get_file_gadget": {"module": "keras.utils", "class_name": "get_file",
                        "config": {"origin": "http://example.invalid/x"},
                        "registered_name": None},
    "get_file_src_gadget": {"module": "keras.src.utils.file_utils", "class_name": "get_file",
                            "config": {"origin": "http://example.invalid/x"},
                            "registered_name": None},
    "load_model_gadget": {"module": "keras.models", "class_name": "load_model",
                          "config": {"filepath": "/etc/passwd"}, "registered_name": None},
    # Attempts to switch safe mode off from inside the file.
    "flip_safe_mode_api": {"module": "keras.config", "class_name": "enable_unsafe_deserialization",
                           "config": {}, "registered_name": None},
    "flip_safe_mode_key": _layer_entry("Lambda", {"name": "l", "safe_mode": False,
                                                  "function": lambda_payload()}),
    # An unknown class: the error must name it and explain registration.
    "unknown_class": _layer_entry("NoSuchLayer", {"name": "x"}),
}


def _patch_zip_sizes(path, declared):
    data = bytearray(open(path, "rb").read())
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, declared)
    struct.pack_into("<I", data, central + 24, declared)
    with open(path, "wb") as handle:
        handle.write(bytes(data))


def zip_cases(directory):
    cases = {}
    path = os.path.join(directory, "dotdot.keras")
    write_keras_zip(path, CONFIG_CASES["unknown_class"], extra_members=[("../evil.txt", b"x")])
    cases["zip_dotdot"] = path
    path = os.path.join(directory, "absolute.keras")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("/etc/evil.txt"), b"x")
        archive.writestr("config.json", "{}")
    cases["zip_absolute"] = path
    path = os.path.join(directory, "symlink.keras")
    info = zipfile.ZipInfo("config.json")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(info, "/etc/passwd")
    cases["zip_symlink"] = path
    path = os.path.join(directory, "bomb.keras")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("config.json", b" " * 4096)
    _patch_zip_sizes(path, 0xF0000000)
    cases["zip_bomb"] = path
    path = os.path.join(directory, "not_a_zip.keras")
    with open(path, "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    cases["not_a_zip"] = path
    good = os.path.join(directory, "good_base.keras")
    write_keras_zip(good, CONFIG_CASES["unknown_class"])
    raw = open(good, "rb").read()
    path = os.path.join(directory, "truncated.keras")
    with open(path, "wb") as handle:
        handle.write(raw[: len(raw) // 2])
    cases["zip_truncated"] = path
    path = os.path.join(directory, "corrupted.keras")
    damaged = bytearray(raw)
    start = raw.find(b"model.weights.h5") + 40
    damaged[start:start + 200] = os.urandom(200)
    with open(path, "wb") as handle:
        handle.write(bytes(damaged))
    cases["zip_corrupted"] = path
    path = os.path.join(directory, "bad_json.keras")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("metadata.json", json.dumps(METADATA))
        archive.writestr("config.json", "[" * 100000)
        archive.writestr("model.weights.h5", _empty_h5())
    cases["zip_bad_json"] = path
    os.remove(good)
    return cases


def h5_cases(directory):
    cases = {}
    path = os.path.join(directory, "external_link.weights.h5")
    with h5py.File(path, "w") as h5:
        h5["layers"] = h5py.ExternalLink("/etc/passwd.h5", "/x")
    cases["h5_external_link"] = path
    path = os.path.join(directory, "soft_link.weights.h5")
    with h5py.File(path, "w") as h5:
        h5.create_group("vars")
        h5["layers"] = h5py.SoftLink("/elsewhere/outside")
    cases["h5_soft_link"] = path
    path = os.path.join(directory, "external_storage.weights.h5")
    with h5py.File(path, "w") as h5:
        h5.create_group("vars").create_dataset(
            "0", shape=(4,), dtype="f4", external=[("/etc/passwd", 0, 16)])
    cases["h5_external_storage"] = path
    path = os.path.join(directory, "virtual.weights.h5")
    with h5py.File(path, "w") as h5:
        layout = h5py.VirtualLayout(shape=(4,), dtype="f4")
        layout[:] = h5py.VirtualSource("/etc/source.h5", "data", shape=(4,))
        h5.create_group("vars").create_virtual_dataset("0", layout)
    cases["h5_virtual"] = path
    path = os.path.join(directory, "shape_bomb.weights.h5")
    with h5py.File(path, "w") as h5:
        h5.create_group("vars").create_dataset("0", shape=(2 ** 20, 2 ** 12), dtype="f8")
    cases["h5_shape_bomb"] = path
    path = os.path.join(directory, "truncated.weights.h5")
    with h5py.File(path, "w") as h5:
        h5.create_group("vars").create_dataset("0", data=np.arange(4096, dtype="f4"))
    raw = open(path, "rb").read()
    with open(path, "wb") as handle:
        handle.write(raw[: len(raw) // 3])
    cases["h5_truncated"] = path
    path = os.path.join(directory, "not_h5.weights.h5")
    with open(path, "wb") as handle:
        handle.write(b"PK\x03\x04 this is not hdf5")
    cases["h5_wrong_type"] = path
    return cases


def build_corpus(directory):
    """Write every crafted file into `directory`; returns {case: (path, loader_kind)}."""
    corpus = {}
    for name, config in CONFIG_CASES.items():
        corpus[f"config_{name}"] = (write_keras_zip(os.path.join(directory, f"{name}.keras"),
                                                    config), "model")
    for name, path in zip_cases(directory).items():
        corpus[name] = (path, "model")
    for name, path in h5_cases(directory).items():
        corpus[name] = (path, "weights")
    return corpus
