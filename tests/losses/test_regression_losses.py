"""Regression losses against NumPy formulas."""
import numpy as np
import pytest

from cornu import losses, ops

EPS = 1e-7
RNG = np.random.default_rng(0)
Y_TRUE = RNG.uniform(0.1, 3.0, size=(6, 4)).astype("float32")
Y_PRED = RNG.uniform(0.1, 3.0, size=(6, 4)).astype("float32")
WEIGHTS = RNG.uniform(0.0, 2.0, size=(6,)).astype("float32")


def to_np(x):
    return np.asarray(ops.convert_to_numpy(x))


def np_huber(y, p, delta=1.0):
    err = np.abs(y - p)
    return np.mean(np.where(err <= delta, 0.5 * err ** 2, delta * err - 0.5 * delta ** 2), -1)


def np_cosine(y, p, axis=-1):
    y = y / np.linalg.norm(y, axis=axis, keepdims=True)
    p = p / np.linalg.norm(p, axis=axis, keepdims=True)
    return -np.sum(y * p, axis=axis)


REFERENCES = {
    "mean_squared_error": (losses.MeanSquaredError, lambda y, p: np.mean((y - p) ** 2, -1)),
    "mean_absolute_error": (losses.MeanAbsoluteError, lambda y, p: np.mean(np.abs(y - p), -1)),
    "mean_absolute_percentage_error": (
        losses.MeanAbsolutePercentageError,
        lambda y, p: 100 * np.mean(np.abs((y - p) / np.maximum(np.abs(y), EPS)), -1)),
    "mean_squared_logarithmic_error": (
        losses.MeanSquaredLogarithmicError,
        lambda y, p: np.mean((np.log1p(np.maximum(y, EPS)) - np.log1p(np.maximum(p, EPS))) ** 2,
                             -1)),
    "huber": (losses.Huber, np_huber),
    "log_cosh": (losses.LogCosh, lambda y, p: np.mean(np.log(np.cosh(p - y)), -1)),
    "cosine_similarity": (losses.CosineSimilarity, np_cosine),
}


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_function_class_and_reductions_match_numpy(name):
    cls, reference = REFERENCES[name]
    fn = getattr(losses, name)
    expected = reference(Y_TRUE, Y_PRED)
    np.testing.assert_allclose(to_np(fn(Y_TRUE, Y_PRED)), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(float(cls()(Y_TRUE, Y_PRED)), expected.mean(), rtol=1e-5)
    np.testing.assert_allclose(float(cls(reduction="sum")(Y_TRUE, Y_PRED)), expected.sum(),
                               rtol=1e-5)
    np.testing.assert_allclose(to_np(cls(reduction="none")(Y_TRUE, Y_PRED)), expected,
                               rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(
        float(cls()(Y_TRUE, Y_PRED, sample_weight=WEIGHTS)),
        np.sum(expected * WEIGHTS) / len(WEIGHTS), rtol=1e-5)


def test_aliases_point_at_the_functions():
    assert losses.mse is losses.MSE is losses.mean_squared_error
    assert losses.mae is losses.mean_absolute_error
    assert losses.mape is losses.mean_absolute_percentage_error
    assert losses.msle is losses.mean_squared_logarithmic_error


def test_worked_examples():
    mse = losses.MeanSquaredError()
    assert np.isclose(float(mse([[3.0]], [[1.0]])), 4.0)
    cos = losses.CosineSimilarity()
    a = np.array([[1.0, 2.0]], "float32")
    assert np.isclose(float(cos(a, 3 * a)), -1.0, atol=1e-6)
    assert np.isclose(float(cos(a, -a)), 1.0, atol=1e-6)
    assert np.isclose(float(cos(a, np.array([[2.0, -1.0]], "float32"))), 0.0, atol=1e-6)
    msle = losses.MeanSquaredLogarithmicError()
    assert float(msle([[10.0]], [[5.0]])) > float(msle([[10.0]], [[15.0]]))


def test_huber_delta_and_large_delta_limit():
    np.testing.assert_allclose(to_np(losses.huber(Y_TRUE, Y_PRED, delta=0.3)),
                               np_huber(Y_TRUE, Y_PRED, 0.3), rtol=1e-5)
    np.testing.assert_allclose(to_np(losses.huber(Y_TRUE, Y_PRED, delta=1e6)),
                               0.5 * np.mean((Y_TRUE - Y_PRED) ** 2, -1), rtol=1e-5)
    assert losses.Huber(delta=0.3).get_config()["delta"] == 0.3


def test_log_cosh_is_stable_for_large_errors():
    value = to_np(losses.log_cosh([[0.0]], [[200.0]]))
    np.testing.assert_allclose(value, [200.0 - np.log(2.0)], rtol=1e-6)


def test_cosine_similarity_axis():
    np.testing.assert_allclose(to_np(losses.cosine_similarity(Y_TRUE, Y_PRED, axis=0)),
                               np_cosine(Y_TRUE, Y_PRED, axis=0), rtol=1e-5)
    loss = losses.CosineSimilarity(axis=0)
    np.testing.assert_allclose(float(loss(Y_TRUE, Y_PRED)),
                               np.mean(np_cosine(Y_TRUE, Y_PRED, axis=0)), rtol=1e-5)


def test_integer_targets_are_cast():
    y_int = np.round(Y_TRUE).astype("int32")
    np.testing.assert_allclose(float(losses.MeanSquaredError()(y_int, Y_PRED)),
                               np.mean((y_int - Y_PRED) ** 2), rtol=1e-5)
