"""Dtype-name promotion helpers shared by both engines."""
from cornu import config
from cornu.backend.common import promotion


def test_promoted_dtype_follows_floatx_for_weak_floats():
    assert promotion.promoted_dtype("int32", "float16") == "float16"
    assert promotion.promoted_dtype("int32", float) == config.floatx()
    original = config.floatx()
    try:
        config.set_floatx("float16")
        assert promotion.promoted_dtype("int32", float) == "float16"
    finally:
        config.set_floatx(original)
    assert promotion.promoted_dtype("int32", float) == original


def test_normalize_axes():
    assert promotion.normalize_axes(None, 3) == (0, 1, 2)
    assert promotion.normalize_axes(-1, 3) == (2,)
    assert promotion.normalize_axes((0, -2), 4) == (0, 2)
    assert promotion.normalize_axes(0, 0) == (0,)
