"""FBetaScore / F1Score against scikit-learn."""
import numpy as np
import pytest
from sklearn.metrics import f1_score, fbeta_score

from cornu import metrics, ops

RNG = np.random.default_rng(6)
CLASSES = RNG.integers(0, 4, size=300)
PROBS = RNG.dirichlet(np.ones(4), size=300).astype("float32")
PROBS[np.arange(300), CLASSES] += 0.3
PROBS /= PROBS.sum(axis=1, keepdims=True)
ONE_HOT = np.eye(4, dtype="float32")[CLASSES]


def value(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("average", [None, "micro", "macro", "weighted"])
def test_f1_argmax_mode_matches_sklearn(average):
    f1 = metrics.F1Score(average=average)
    f1.update_state(ONE_HOT[:120], PROBS[:120])
    f1.update_state(ONE_HOT[120:], PROBS[120:])
    expected = f1_score(CLASSES, PROBS.argmax(1), average=average)
    np.testing.assert_allclose(value(f1.result()), expected, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("average", [None, "micro", "macro", "weighted"])
def test_fbeta_threshold_mode_and_weights_match_sklearn(average):
    multi_labels = RNG.integers(0, 2, size=(80, 3)).astype("float32")
    scores = RNG.uniform(size=(80, 3)).astype("float32")
    weights = RNG.uniform(0.1, 2.0, size=80).astype("float32")
    metric = metrics.FBetaScore(average=average, beta=2.0, threshold=0.4)
    metric.update_state(multi_labels, scores, sample_weight=weights)
    expected = fbeta_score(multi_labels, scores > 0.4, beta=2.0, average=average,
                           sample_weight=weights)
    np.testing.assert_allclose(value(metric.result()), expected, rtol=1e-4, atol=1e-6)


def test_reset_config_and_errors():
    f1 = metrics.F1Score(average="macro", threshold=0.5)
    f1.update_state(ONE_HOT, PROBS)
    f1.reset_state()
    assert float(value(f1.result())) == 0.0
    assert f1.get_config() == {"average": "macro", "threshold": 0.5, "name": "f1_score",
                               "dtype": "float32"}
    assert metrics.F1Score.from_config(f1.get_config()).get_config() == f1.get_config()
    assert metrics.FBetaScore(beta=0.5).get_config()["beta"] == 0.5
    with pytest.raises(ValueError, match="average"):
        metrics.F1Score(average="samples")
    with pytest.raises(ValueError, match="beta"):
        metrics.FBetaScore(beta=0)
    with pytest.raises(ValueError, match="2D"):
        metrics.F1Score().update_state(CLASSES, PROBS)
