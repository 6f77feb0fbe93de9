"""AUC against exact scikit-learn values and a NumPy re-derivation of the Riemann sums."""
import numpy as np
import pytest
from sklearn.metrics import average_precision_score, roc_auc_score

from cornu import metrics, ops

RNG = np.random.default_rng(5)
LABELS = RNG.integers(0, 2, size=(400, 1)).astype("float32")
SCORES = np.clip(0.5 * LABELS + RNG.normal(0.25, 0.25, size=(400, 1)), 0, 1).astype("float32")
WEIGHTS = RNG.uniform(0.2, 1.5, size=400).astype("float32")


def value(x):
    return np.asarray(ops.convert_to_numpy(x))


def np_confusion(labels, scores, thresholds, weights=None):
    weights = np.ones_like(scores) if weights is None else weights
    pred = scores[None, :] > thresholds[:, None]
    pos = labels[None, :] > 0
    return (np.sum(weights * (pred & pos), 1), np.sum(weights * (pred & ~pos), 1),
            np.sum(weights * (~pred & ~pos), 1), np.sum(weights * (~pred & pos), 1))


def np_thresholds(num):
    inner = [(i + 1) / (num - 1) for i in range(num - 2)]
    return np.array([-1e-7] + inner + [1 + 1e-7])


def safe_div(a, b):
    return np.where(b > 0, a / np.where(b > 0, b, 1), 0.0)


def np_auc(labels, scores, num, curve, method, weights=None):
    tp, fp, tn, fn = np_confusion(labels, scores, np_thresholds(num), weights)
    if curve == "PR" and method == "interpolation":
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        slope = safe_div(dtp, np.maximum(dp, 0))
        intercept = tp[1:] - slope * p[1:]
        ratio = np.where((p[:-1] > 0) & (p[1:] > 0), safe_div(p[:-1], np.maximum(p[1:], 0)), 1.0)
        return np.sum(safe_div(slope * (dtp + intercept * np.log(ratio)),
                               np.maximum(tp[1:] + fn[1:], 0)))
    recall = safe_div(tp, tp + fn)
    x, y = (safe_div(fp, fp + tn), recall) if curve == "ROC" else (recall, safe_div(tp, tp + fp))
    heights = {"interpolation": (y[:-1] + y[1:]) / 2, "minoring": np.minimum(y[:-1], y[1:]),
               "majoring": np.maximum(y[:-1], y[1:])}[method]
    return np.sum((x[:-1] - x[1:]) * heights)


def test_roc_auc_close_to_sklearn_across_updates():
    auc = metrics.AUC()
    auc.update_state(LABELS[:200], SCORES[:200])
    auc.update_state(LABELS[200:], SCORES[200:])
    assert abs(float(value(auc.result())) - roc_auc_score(LABELS.ravel(), SCORES.ravel())) < 0.01
    auc.reset_state()
    assert float(value(auc.result())) == 0.0


def test_pr_auc_close_to_average_precision():
    auc = metrics.AUC(curve="PR")
    auc.update_state(LABELS, SCORES)
    expected = average_precision_score(LABELS.ravel(), SCORES.ravel())
    assert abs(float(value(auc.result())) - expected) < 0.02


@pytest.mark.parametrize("curve", ["ROC", "PR"])
@pytest.mark.parametrize("method", ["interpolation", "minoring", "majoring"])
def test_summation_methods_match_numpy(curve, method):
    weights = WEIGHTS
    auc = metrics.AUC(curve=curve, summation_method=method)
    auc.update_state(LABELS, SCORES, sample_weight=weights)
    expected = np_auc(LABELS.ravel(), SCORES.ravel(), 200, curve, method, weights)
    np.testing.assert_allclose(value(auc.result()), expected, rtol=1e-4, atol=1e-6)


def test_docstring_example_and_from_logits():
    auc = metrics.AUC(num_thresholds=3)
    auc.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
    assert np.isclose(float(value(auc.result())), 0.75)
    logits = np.log(SCORES.clip(1e-3, 1 - 1e-3) / (1 - SCORES.clip(1e-3, 1 - 1e-3)))
    from_logits = metrics.AUC(from_logits=True)
    from_logits.update_state(LABELS, logits)
    plain = metrics.AUC()
    plain.update_state(LABELS, SCORES.clip(1e-3, 1 - 1e-3))
    assert np.isclose(float(value(from_logits.result())), float(value(plain.result())),
                      atol=1e-5)


def test_multi_label_and_label_weights():
    labels = RNG.integers(0, 2, size=(400, 3)).astype("float32")
    scores = np.clip(0.4 * labels + RNG.uniform(0, 0.6, size=(400, 3)), 0, 1).astype("float32")
    auc = metrics.AUC(multi_label=True)
    auc.update_state(labels[:200], scores[:200])
    auc.update_state(labels[200:], scores[200:])
    per_label = [roc_auc_score(labels[:, i], scores[:, i]) for i in range(3)]
    assert abs(float(value(auc.result())) - np.mean(per_label)) < 0.01
    assert auc.num_labels == 3
    weighted = metrics.AUC(multi_label=True, label_weights=[1.0, 0.0, 3.0])
    weighted.update_state(labels, scores)
    expected = (per_label[0] + 3 * per_label[2]) / 4
    assert abs(float(value(weighted.result())) - expected) < 0.01
    flat = metrics.AUC()
    flat.update_state(labels, scores)
    assert abs(float(value(flat.result())) - roc_auc_score(labels.ravel(), scores.ravel())) < 0.01


def test_explicit_thresholds_config_and_errors():
    auc = metrics.AUC(thresholds=[0.7, 0.3, 0.5])
    assert auc.num_thresholds == 5
    assert auc.thresholds[1:-1] == [0.3, 0.5, 0.7]
    config = auc.get_config()
    assert config["thresholds"] == [0.3, 0.5, 0.7]
    assert metrics.AUC.from_config(config).get_config() == config
    default = metrics.AUC(name="auc").get_config()
    assert "thresholds" not in default and default["num_thresholds"] == 200
    assert default["curve"] == "ROC" and default["summation_method"] == "interpolation"
    with pytest.raises(ValueError, match="curve"):
        metrics.AUC(curve="XYZ")
    with pytest.raises(ValueError, match="summation_method"):
        metrics.AUC(summation_method="trapezoid")
    with pytest.raises(ValueError, match="num_thresholds"):
        metrics.AUC(num_thresholds=1)
