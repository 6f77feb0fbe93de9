"""Threshold metrics against NumPy / scikit-learn references."""
import numpy as np
import pytest
from sklearn.metrics import precision_score, recall_score, roc_curve, precision_recall_curve

from cornu import metrics, ops

RNG = np.random.default_rng(4)
LABELS = RNG.integers(0, 2, size=(128,)).astype("float32")
SCORES = np.clip(0.4 * LABELS + RNG.uniform(0, 0.6, size=128), 0, 1).astype("float32")
WEIGHTS = RNG.uniform(0.1, 2.0, size=128).astype("float32")


def value(x):
    return np.asarray(ops.convert_to_numpy(x))


def counts(labels, scores, threshold, weights=None):
    weights = np.ones_like(scores) if weights is None else weights
    pred = scores > threshold
    pos = labels > 0
    return {"tp": np.sum(weights * (pred & pos)), "fp": np.sum(weights * (pred & ~pos)),
            "tn": np.sum(weights * (~pred & ~pos)), "fn": np.sum(weights * (~pred & pos))}


@pytest.mark.parametrize("cls,key", [(metrics.TruePositives, "tp"),
                                     (metrics.FalsePositives, "fp"),
                                     (metrics.TrueNegatives, "tn"),
                                     (metrics.FalseNegatives, "fn")])
def test_counts_single_and_multiple_thresholds(cls, key):
    metric = cls()
    metric.update_state(LABELS[:64], SCORES[:64], sample_weight=WEIGHTS[:64])
    metric.update_state(LABELS[64:], SCORES[64:], sample_weight=WEIGHTS[64:])
    np.testing.assert_allclose(value(metric.result()), counts(LABELS, SCORES, 0.5, WEIGHTS)[key],
                               rtol=1e-5)
    multi = cls(thresholds=[0.2, 0.6])
    multi.update_state(LABELS, SCORES)
    np.testing.assert_allclose(value(multi.result()),
                               [counts(LABELS, SCORES, t)[key] for t in (0.2, 0.6)])
    assert multi.get_config()["thresholds"] == [0.2, 0.6]
    multi.reset_state()
    np.testing.assert_array_equal(value(multi.result()), [0.0, 0.0])


def test_precision_recall_match_sklearn():
    precision, recall = metrics.Precision(), metrics.Recall()
    for start in (0, 64):
        part = slice(start, start + 64)
        precision.update_state(LABELS[part], SCORES[part])
        recall.update_state(LABELS[part], SCORES[part])
    predicted = (SCORES > 0.5).astype(int)
    assert np.isclose(value(precision.result()), precision_score(LABELS, predicted))
    assert np.isclose(value(recall.result()), recall_score(LABELS, predicted))
    weighted = metrics.Precision(thresholds=0.3)
    weighted.update_state(LABELS, SCORES, sample_weight=WEIGHTS)
    assert np.isclose(value(weighted.result()),
                      precision_score(LABELS, SCORES > 0.3, sample_weight=WEIGHTS), rtol=1e-5)
    several = metrics.Recall(thresholds=[0.3, 0.7])
    several.update_state(LABELS, SCORES)
    np.testing.assert_allclose(value(several.result()),
                               [recall_score(LABELS, SCORES > t) for t in (0.3, 0.7)], rtol=1e-6)


def test_precision_recall_class_id_and_top_k():
    y_true = np.array([[0, 0, 1, 1], [1, 0, 0, 0], [0, 1, 1, 0]], "float32")
    y_pred = np.array([[0.1, 0.2, 0.6, 0.9], [0.8, 0.1, 0.7, 0.2], [0.3, 0.4, 0.1, 0.6]],
                      "float32")
    by_class = metrics.Precision(class_id=2)
    by_class.update_state(y_true, y_pred)
    assert np.isclose(value(by_class.result()), precision_score(y_true[:, 2], y_pred[:, 2] > 0.5))
    top = metrics.Precision(top_k=2)
    top.update_state(y_true, y_pred)
    top2 = np.zeros_like(y_pred)
    np.put_along_axis(top2, np.argsort(-y_pred, axis=1)[:, :2], 1.0, axis=1)
    assert np.isclose(value(top.result()), np.sum(top2 * y_true) / np.sum(top2))
    recall_top = metrics.Recall(top_k=1)
    recall_top.update_state(y_true, y_pred)
    top1 = np.zeros_like(y_pred)
    np.put_along_axis(top1, np.argmax(y_pred, 1)[:, None], 1.0, axis=1)
    assert np.isclose(value(recall_top.result()), np.sum(top1 * y_true) / np.sum(y_true))
    config = metrics.Recall(top_k=1, class_id=3, thresholds=None).get_config()
    assert config["top_k"] == 1 and config["class_id"] == 3 and config["thresholds"] is None


def test_threshold_range_is_checked():
    with pytest.raises(ValueError, match="threshold"):
        metrics.Precision(thresholds=1.5)
    with pytest.raises(ValueError, match="specificity"):
        metrics.SensitivityAtSpecificity(specificity=2.0)
    with pytest.raises(ValueError, match="num_thresholds"):
        metrics.PrecisionAtRecall(recall=0.5, num_thresholds=0)


def curve_reference(labels, scores, num_thresholds=200):
    thresholds = np.array([0.0] + [(i + 1) / (num_thresholds - 1)
                                   for i in range(num_thresholds - 2)] + [1.0])
    rows = [counts(labels, scores, t) for t in thresholds]
    tp, fp, tn, fn = (np.array([r[k] for r in rows]) for k in ("tp", "fp", "tn", "fn"))
    safe = lambda a, b: np.where(b > 0, a / np.where(b > 0, b, 1), 0.0)  # noqa: E731
    return {"sensitivity": safe(tp, tp + fn), "specificity": safe(tn, tn + fp),
            "precision": safe(tp, tp + fp)}


@pytest.mark.parametrize("cls,arg,constrained,dependent", [
    (metrics.SensitivityAtSpecificity, 0.8, "specificity", "sensitivity"),
    (metrics.SpecificityAtSensitivity, 0.7, "sensitivity", "specificity"),
    (metrics.PrecisionAtRecall, 0.6, "sensitivity", "precision"),
    (metrics.RecallAtPrecision, 0.9, "precision", "sensitivity"),
])
def test_value_at_constraint_metrics(cls, arg, constrained, dependent):
    metric = cls(arg)
    metric.update_state(LABELS[:64], SCORES[:64])
    metric.update_state(LABELS[64:], SCORES[64:])
    curves = curve_reference(LABELS, SCORES)
    feasible = curves[constrained] >= arg
    expected = curves[dependent][feasible].max() if feasible.any() else 0.0
    assert np.isclose(value(metric.result()), expected, rtol=1e-5)
    config = metric.get_config()
    assert config["num_thresholds"] == 200
    rebuilt = cls.from_config(config)
    assert rebuilt.get_config() == config


def test_precision_at_recall_against_sklearn_curve():
    metric = metrics.PrecisionAtRecall(0.5, num_thresholds=1000)
    metric.update_state(LABELS, SCORES)
    precision, recall, _ = precision_recall_curve(LABELS, SCORES)
    assert abs(value(metric.result()) - precision[recall >= 0.5].max()) < 0.02
    fpr, tpr, _ = roc_curve(LABELS, SCORES)
    sens = metrics.SensitivityAtSpecificity(0.9, num_thresholds=1000)
    sens.update_state(LABELS, SCORES)
    assert abs(value(sens.result()) - tpr[(1 - fpr) >= 0.9].max()) < 0.02
