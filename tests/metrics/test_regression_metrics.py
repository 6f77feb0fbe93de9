"""Regression metrics against NumPy / scikit-learn."""
import numpy as np
import pytest
from sklearn.metrics import r2_score

from cornu import metrics, ops

EPS = 1e-7
RNG = np.random.default_rng(7)
Y_TRUE = RNG.uniform(0.5, 3.0, size=(40, 3)).astype("float32")
Y_PRED = (Y_TRUE + RNG.normal(0, 0.5, size=(40, 3))).clip(0.01).astype("float32")
WEIGHTS = RNG.uniform(0.1, 2.0, size=40).astype("float32")


def value(x):
    return np.asarray(ops.convert_to_numpy(x))


def cosine(y, p):
    return np.sum(y * p, -1) / (np.linalg.norm(y, axis=-1) * np.linalg.norm(p, axis=-1))


PER_SAMPLE = {
    metrics.MeanSquaredError: lambda y, p: np.mean((y - p) ** 2, -1),
    metrics.MeanAbsoluteError: lambda y, p: np.mean(np.abs(y - p), -1),
    metrics.MeanAbsolutePercentageError: lambda y, p: 100 * np.mean(np.abs((y - p) / y), -1),
    metrics.MeanSquaredLogarithmicError: lambda y, p: np.mean((np.log1p(y) - np.log1p(p)) ** 2,
                                                              -1),
    metrics.LogCoshError: lambda y, p: np.mean(np.log(np.cosh(p - y)), -1),
    metrics.CosineSimilarity: cosine,
    metrics.Hinge: lambda y, p: np.mean(np.maximum(1 - (2 * (y > 1.5) - 1) * p, 0), -1),
    metrics.Poisson: lambda y, p: np.mean(p - y * np.log(p + EPS), -1),
}


@pytest.mark.parametrize("cls", list(PER_SAMPLE), ids=lambda c: c.__name__)
def test_mean_wrapped_metrics_weighted_over_updates(cls):
    y_true = (Y_TRUE > 1.5).astype("float32") if cls is metrics.Hinge else Y_TRUE
    metric = cls()
    metric.update_state(y_true[:25], Y_PRED[:25], sample_weight=WEIGHTS[:25])
    metric.update_state(y_true[25:], Y_PRED[25:], sample_weight=WEIGHTS[25:])
    per_sample = PER_SAMPLE[cls](Y_TRUE, Y_PRED)
    np.testing.assert_allclose(value(metric.result()),
                               np.sum(per_sample * WEIGHTS) / WEIGHTS.sum(), rtol=1e-4)
    config = metric.get_config()
    assert cls.from_config(config).get_config() == config


def test_root_mean_squared_error():
    rmse = metrics.RootMeanSquaredError()
    rmse.update_state(Y_TRUE[:10], Y_PRED[:10])
    rmse.update_state(Y_TRUE[10:], Y_PRED[10:])
    assert np.isclose(float(value(rmse.result())), np.sqrt(np.mean((Y_TRUE - Y_PRED) ** 2)),
                      rtol=1e-5)
    single = metrics.RootMeanSquaredError()
    single.update_state([[0.0], [0.0]], [[3.0], [4.0]])
    assert np.isclose(float(value(single.result())), np.sqrt(12.5))
    assert single.name == "root_mean_squared_error"


@pytest.mark.parametrize("aggregation,sk", [("uniform_average", "uniform_average"),
                                             ("variance_weighted_average", "variance_weighted"),
                                             (None, "raw_values")])
def test_r2_score_matches_sklearn(aggregation, sk):
    r2 = metrics.R2Score(class_aggregation=aggregation)
    r2.update_state(Y_TRUE[:15], Y_PRED[:15], sample_weight=WEIGHTS[:15])
    r2.update_state(Y_TRUE[15:], Y_PRED[15:], sample_weight=WEIGHTS[15:])
    expected = r2_score(Y_TRUE, Y_PRED, sample_weight=WEIGHTS, multioutput=sk)
    np.testing.assert_allclose(value(r2.result()), expected, rtol=1e-4)


def test_adjusted_r2_and_errors():
    r2 = metrics.R2Score(num_regressors=2)
    r2.update_state(Y_TRUE[:, :1], Y_PRED[:, :1])
    plain = r2_score(Y_TRUE[:, 0], Y_PRED[:, 0])
    n = 40
    np.testing.assert_allclose(value(r2.result()), 1 - (1 - plain) * (n - 1) / (n - 2 - 1),
                               rtol=1e-4)
    r2.reset_state()
    with pytest.raises(ValueError, match="class_aggregation"):
        metrics.R2Score(class_aggregation="median")
    with pytest.raises(ValueError, match="2D"):
        metrics.R2Score().update_state(np.ones((2, 2, 2)), np.ones((2, 2, 2)))


def test_probabilistic_and_hinge_metric_classes():
    labels = RNG.integers(0, 2, size=(20, 1)).astype("float32")
    probs = RNG.uniform(0.05, 0.95, size=(20, 1)).astype("float32")
    bce = metrics.BinaryCrossentropy()
    bce.update_state(labels, probs)
    expected = -np.mean(labels * np.log(probs) + (1 - labels) * np.log(1 - probs))
    assert np.isclose(float(value(bce.result())), expected, rtol=1e-5)
    classes = RNG.integers(0, 3, size=20)
    dist = RNG.dirichlet(np.ones(3), size=20).astype("float32")
    cce = metrics.CategoricalCrossentropy()
    cce.update_state(np.eye(3)[classes], dist)
    scce = metrics.SparseCategoricalCrossentropy()
    scce.update_state(classes, dist)
    expected = -np.mean(np.log(dist[np.arange(20), classes]))
    assert np.isclose(float(value(cce.result())), expected, rtol=1e-5)
    assert np.isclose(float(value(scce.result())), expected, rtol=1e-5)
    logits = np.log(dist)
    from_logits = metrics.SparseCategoricalCrossentropy(from_logits=True)
    from_logits.update_state(classes, logits)
    assert np.isclose(float(value(from_logits.result())), expected, rtol=1e-5)
    kl = metrics.KLDivergence()
    kl.update_state(dist, dist)
    assert abs(float(value(kl.result()))) < 1e-6
    squared = metrics.SquaredHinge()
    squared.update_state(labels, probs)
    assert np.isclose(float(value(squared.result())),
                      np.mean(np.maximum(1 - (2 * labels - 1) * probs, 0) ** 2), rtol=1e-5)
    cat_hinge = metrics.CategoricalHinge()
    cat_hinge.update_state(np.eye(3)[classes], dist)
    onehot = np.eye(3)[classes]
    expected = np.maximum(np.max((1 - onehot) * dist, -1) - np.sum(onehot * dist, -1) + 1, 0)
    assert np.isclose(float(value(cat_hinge.result())), expected.mean(), rtol=1e-5)
