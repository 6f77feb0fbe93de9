"""The engine comes from CORNU_BACKEND, else ~/.cornu/cornu.json, else torch."""
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _backend_in_subprocess(home, env_backend=None):
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "PYTHONPATH": ROOT}
    if env_backend is not None:
        env["CORNU_BACKEND"] = env_backend
    code = "import cornu; print(cornu.backend.backend(), cornu.config.floatx())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=120)
    return result


def test_user_config_file_then_environment_override(tmp_path):
    (tmp_path / ".cornu").mkdir()
    (tmp_path / ".cornu" / "cornu.json").write_text(
        json.dumps({"backend": "jax", "floatx": "float64"}))
    assert _backend_in_subprocess(tmp_path).stdout.split() == ["jax", "float64"]
    assert _backend_in_subprocess(tmp_path, "torch").stdout.split() == ["torch", "float64"]


def test_default_is_torch_and_bad_name_is_a_clear_error(tmp_path):
    assert _backend_in_subprocess(tmp_path).stdout.split() == ["torch", "float32"]
    result = _backend_in_subprocess(tmp_path, "tensorflow")
    assert result.returncode != 0
    assert "CORNU_BACKEND must be one of ('torch', 'jax')" in result.stderr


@pytest.mark.parametrize("value", ["float16", "float64"])
def test_set_floatx_changes_default_weight_dtype(value, backend_name):
    import warnings

    from cornu import config, layers, ops

    previous = config.floatx()
    config.set_floatx(value)
    try:
        dense = layers.Dense(2)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            dense.build((None, 3))
        stored = ops.dtype(dense.kernel.value)
        assert dense.kernel.dtype == stored  # a variable never misreports its dtype
        if backend_name == "jax" and value == "float64":
            # JAX without x64 holds 32-bit values, and says so.
            assert stored == "float32"
            assert any("jax_enable_x64" in str(w.message) for w in caught)
        else:
            assert stored == value
    finally:
        config.set_floatx(previous)
    with pytest.raises(ValueError, match="floatx must be one of"):
        config.set_floatx("float8")
