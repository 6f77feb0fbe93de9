import json
import math

import numpy as np
import pytest

import cornu
from cornu import initializers, ops


def _np(x):
    return ops.convert_to_numpy(x)


def test_constant_initializers():
    np.testing.assert_array_equal(_np(initializers.Zeros()((2, 3))), np.zeros((2, 3)))
    np.testing.assert_array_equal(_np(initializers.Ones()((4,))), np.ones(4))
    np.testing.assert_array_equal(_np(initializers.Constant(0.5)((2, 2))), np.full((2, 2), 0.5))
    np.testing.assert_array_equal(_np(initializers.Identity(gain=2.0)((2, 3))),
                                  2.0 * np.eye(2, 3))
    assert _np(initializers.Zeros()((2,), dtype="int32")).dtype == np.int32
    assert _np(initializers.Ones()((2,), dtype="float16")).dtype == np.float16


def test_identity_rejects_non_2d():
    with pytest.raises(ValueError, match=r"2D.*\(2, 2, 2\)"):
        initializers.Identity()((2, 2, 2))


def test_random_statistics():
    normal = _np(initializers.RandomNormal(mean=1.0, stddev=2.0, seed=1)((200, 100)))
    assert abs(normal.mean() - 1.0) < 0.05 and abs(normal.std() - 2.0) < 0.05
    uniform = _np(initializers.RandomUniform(-1.0, 3.0, seed=2)((200, 100)))
    assert uniform.min() >= -1.0 and uniform.max() <= 3.0 and abs(uniform.mean() - 1.0) < 0.05
    truncated = _np(initializers.TruncatedNormal(stddev=1.0, seed=3)((200, 100)))
    assert np.abs(truncated).max() <= 2.0 + 1e-6 and abs(truncated.std() - 0.8796) < 0.03


def test_int_seed_repeats_and_differs_between_seeds():
    first = _np(initializers.RandomNormal(seed=7)((5, 5)))
    again = _np(initializers.RandomNormal(seed=7)((5, 5)))
    other = _np(initializers.RandomNormal(seed=8)((5, 5)))
    np.testing.assert_array_equal(first, again)
    assert not np.allclose(first, other)


def test_set_random_seed_makes_unseeded_initializers_reproducible():
    cornu.utils.set_random_seed(123)
    first = _np(initializers.GlorotUniform()((4, 5)))
    cornu.utils.set_random_seed(123)
    second = _np(initializers.GlorotUniform()((4, 5)))
    np.testing.assert_array_equal(first, second)


@pytest.mark.parametrize("cls, scale, mode, distribution", [
    (initializers.GlorotUniform, 1.0, "fan_avg", "uniform"),
    (initializers.GlorotNormal, 1.0, "fan_avg", "truncated_normal"),
    (initializers.HeUniform, 2.0, "fan_in", "uniform"),
    (initializers.HeNormal, 2.0, "fan_in", "truncated_normal"),
    (initializers.LecunUniform, 1.0, "fan_in", "uniform"),
    (initializers.LecunNormal, 1.0, "fan_in", "truncated_normal"),
])
def test_variance_scaling_presets(cls, scale, mode, distribution):
    shape = (300, 200)
    values = _np(cls(seed=4)(shape))
    n = {"fan_in": 300, "fan_out": 200, "fan_avg": 250}[mode]
    expected_std = math.sqrt(scale / n)
    assert abs(values.std() - expected_std) < 0.03 * expected_std
    if distribution == "uniform":
        assert np.abs(values).max() <= math.sqrt(3 * scale / n) + 1e-6
    else:
        assert np.abs(values).max() <= 2 * expected_std / 0.8796256610342398 + 1e-6


def test_variance_scaling_conv_fans_and_errors():
    values = _np(initializers.VarianceScaling(2.0, "fan_out", "untruncated_normal", seed=1)(
        (3, 3, 16, 32)))
    assert abs(values.std() - math.sqrt(2.0 / (32 * 9))) < 0.01
    assert initializers.compute_fans((3, 3, 16, 32)) == (144, 288)
    assert initializers.compute_fans((5,)) == (5, 5)
    with pytest.raises(ValueError, match="mode"):
        initializers.VarianceScaling(mode="fan_sideways")
    with pytest.raises(ValueError, match="scale"):
        initializers.VarianceScaling(scale=-1.0)
    with pytest.raises(ValueError, match="int32"):
        initializers.RandomNormal(seed=1)((2,), dtype="int32")


def test_orthogonal():
    q = _np(initializers.Orthogonal(gain=2.0, seed=1)((4, 6)))
    np.testing.assert_allclose(q @ q.T, 4.0 * np.eye(4), atol=1e-5)
    tall = _np(initializers.Orthogonal(seed=1)((6, 3)))
    np.testing.assert_allclose(tall.T @ tall, np.eye(3), atol=1e-5)


def test_string_aliases_and_get():
    assert isinstance(initializers.get("glorot_uniform"), initializers.GlorotUniform)
    assert isinstance(initializers.get("uniform"), initializers.RandomUniform)
    assert isinstance(initializers.get("zeros"), initializers.Zeros)
    assert isinstance(initializers.get("HeNormal"), initializers.HeNormal)
    assert isinstance(initializers.get(initializers.Ones), initializers.Ones)
    assert initializers.get(None) is None
    assert initializers.glorot_uniform is initializers.GlorotUniform
    with pytest.raises(ValueError, match="no_such_init"):
        initializers.get("no_such_init")


def test_serialize_matches_keras_file_format():
    assert initializers.serialize(initializers.GlorotUniform()) == {
        "module": "keras.initializers", "class_name": "GlorotUniform",
        "config": {"seed": None, "input_axes": None, "output_axes": None},
        "registered_name": None}
    assert initializers.serialize(initializers.Zeros())["config"] == {}
    assert initializers.serialize(initializers.Orthogonal())["config"] == {"seed": None,
                                                                           "gain": 1.0}
    assert initializers.serialize(initializers.RandomUniform())["config"] == {
        "seed": None, "minval": -0.05, "maxval": 0.05}


@pytest.mark.parametrize("initializer", [
    initializers.Constant(3.0), initializers.RandomNormal(0.5, 2.0, seed=3),
    initializers.VarianceScaling(3.0, "fan_avg", "uniform", seed=5), initializers.HeNormal(seed=9),
    initializers.Orthogonal(gain=0.5, seed=2), initializers.Identity(1.5),
])
def test_round_trip_gives_same_values(initializer):
    config = json.loads(json.dumps(initializers.serialize(initializer)))
    restored = initializers.deserialize(config)
    assert type(restored) is type(initializer)
    np.testing.assert_allclose(_np(restored((3, 3))), _np(initializer((3, 3))), rtol=1e-6)


def test_custom_initializer_round_trip():
    class Fives(initializers.Initializer):
        def __call__(self, shape, dtype=None):
            return ops.multiply(5.0, ops.ones(shape, dtype=dtype))

    config = initializers.serialize(Fives())
    assert config["class_name"] == "Fives"
    restored = initializers.deserialize(config, custom_objects={"Fives": Fives})
    np.testing.assert_array_equal(_np(restored((2,))), [5.0, 5.0])
