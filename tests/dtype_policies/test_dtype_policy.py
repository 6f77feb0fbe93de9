import numpy as np
import pytest

from cornu import dtype_policies, ops


def test_policy_dtypes():
    policy = dtype_policies.DTypePolicy("float32")
    assert (policy.name, policy.compute_dtype, policy.variable_dtype) == (
        "float32", "float32", "float32")
    mixed = dtype_policies.DTypePolicy("mixed_float16")
    assert (mixed.compute_dtype, mixed.variable_dtype) == ("float16", "float32")
    assert dtype_policies.get("mixed_bfloat16").compute_dtype == "bfloat16"
    assert dtype_policies.DTypePolicy("float64") == dtype_policies.get("float64")


def test_serialize_format_and_round_trip():
    config = dtype_policies.serialize(dtype_policies.DTypePolicy("float32"))
    assert config == {"module": "keras", "class_name": "DTypePolicy",
                      "config": {"name": "float32"}, "registered_name": None}
    assert dtype_policies.deserialize(config) == dtype_policies.DTypePolicy("float32")


def test_global_policy():
    assert dtype_policies.dtype_policy().name == "float32"
    try:
        dtype_policies.set_dtype_policy("mixed_float16")
        assert dtype_policies.dtype_policy().compute_dtype == "float16"
        assert dtype_policies.get(None).name == "mixed_float16"
        assert dtype_policies.DTypePolicy().name == "mixed_float16"
    finally:
        dtype_policies.set_dtype_policy(None)
    assert dtype_policies.dtype_policy().name == "float32"


def test_convert_input_casts_only_floats():
    policy = dtype_policies.DTypePolicy("mixed_float16")
    x = ops.convert_to_tensor(np.ones((2,), "float32"))
    assert ops.dtype(policy.convert_input(x, True, policy.compute_dtype)) == "float16"
    assert ops.dtype(policy.convert_input(x, False, policy.compute_dtype)) == "float32"
    ints = ops.convert_to_tensor(np.ones((2,), "int32"))
    assert ops.dtype(policy.convert_input(ints, True, "float16")) == "int32"


def test_bad_policy_name():
    with pytest.raises(ValueError, match="mixed_float8"):
        dtype_policies.DTypePolicy("mixed_float8")
    with pytest.raises(TypeError, match="string"):
        dtype_policies.DTypePolicy(3)
