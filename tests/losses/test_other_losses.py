"""Hinge, probabilistic, segmentation and CTC losses against NumPy references."""
import itertools

import numpy as np
import pytest

from cornu import losses, ops

EPS = 1e-7
RNG = np.random.default_rng(2)


def to_np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_hinge_family():
    y01 = RNG.integers(0, 2, size=(5, 3)).astype("float32")
    pred = RNG.normal(size=(5, 3)).astype("float32")
    signed = 2 * y01 - 1
    expected = np.mean(np.maximum(1 - signed * pred, 0), -1)
    np.testing.assert_allclose(to_np(losses.hinge(y01, pred)), expected, rtol=1e-5)
    np.testing.assert_allclose(to_np(losses.hinge(signed, pred)), expected, rtol=1e-5)
    np.testing.assert_allclose(float(losses.Hinge()(y01, pred)), expected.mean(), rtol=1e-5)
    squared = np.mean(np.maximum(1 - signed * pred, 0) ** 2, -1)
    np.testing.assert_allclose(float(losses.SquaredHinge()(y01, pred)), squared.mean(),
                               rtol=1e-5)
    one_hot = np.eye(3, dtype="float32")[RNG.integers(0, 3, size=5)]
    pos = np.sum(one_hot * pred, -1)
    neg = np.max((1 - one_hot) * pred, -1)
    cat = np.maximum(neg - pos + 1, 0)
    np.testing.assert_allclose(to_np(losses.categorical_hinge(one_hot, pred)), cat, rtol=1e-5)
    np.testing.assert_allclose(float(losses.CategoricalHinge()(one_hot, pred)), cat.mean(),
                               rtol=1e-5)


def test_kl_divergence_and_poisson():
    y = RNG.dirichlet(np.ones(4), size=5).astype("float32")
    p = RNG.dirichlet(np.ones(4), size=5).astype("float32")
    yc, pc = np.clip(y, EPS, 1), np.clip(p, EPS, 1)
    kl = np.sum(yc * np.log(yc / pc), -1)
    np.testing.assert_allclose(to_np(losses.kl_divergence(y, p)), kl, rtol=1e-5)
    np.testing.assert_allclose(float(losses.KLDivergence()(y, p)), kl.mean(), rtol=1e-5)
    assert losses.kld is losses.KLD is losses.kl_divergence
    counts = RNG.poisson(2.0, size=(5, 4)).astype("float32")
    rate = RNG.uniform(0.5, 3, size=(5, 4)).astype("float32")
    pois = np.mean(rate - counts * np.log(rate + EPS), -1)
    np.testing.assert_allclose(to_np(losses.poisson(counts, rate)), pois, rtol=1e-5)
    np.testing.assert_allclose(float(losses.Poisson()(counts, rate)), pois.mean(), rtol=1e-5)


def test_dice_and_tversky():
    y = RNG.integers(0, 2, size=(3, 8)).astype("float32")
    p = RNG.uniform(size=(3, 8)).astype("float32")
    inter = np.sum(y * p)
    dice = 1 - 2 * inter / (y.sum() + p.sum() + EPS)
    np.testing.assert_allclose(float(losses.Dice()(y, p)), dice, rtol=1e-5)
    per_row = 1 - 2 * np.sum(y * p, 1) / (y.sum(1) + p.sum(1) + EPS)
    np.testing.assert_allclose(to_np(losses.dice(y, p, axis=1)), per_row, rtol=1e-5)
    np.testing.assert_allclose(float(losses.Dice(axis=1)(y, p)), per_row.mean(), rtol=1e-5)
    tp, fn, fp = np.sum(y * p), np.sum(y * (1 - p)), np.sum((1 - y) * p)
    tversky = 1 - tp / (tp + 0.7 * fn + 0.3 * fp + EPS)
    np.testing.assert_allclose(float(losses.Tversky(alpha=0.7, beta=0.3)(y, p)), tversky,
                               rtol=1e-5)
    np.testing.assert_allclose(float(losses.Tversky()(y, p)), dice, rtol=1e-5)
    assert losses.Tversky(alpha=0.7).get_config()["alpha"] == 0.7


def np_log_softmax(x):
    x = x - x.max(-1, keepdims=True)
    return x - np.log(np.exp(x).sum(-1, keepdims=True))


def brute_force_ctc(label, logits, blank=0):
    """-log sum over every frame path that collapses to `label`."""
    log_probs = np_log_softmax(logits.astype("float64"))
    frames, classes = log_probs.shape
    total = 0.0
    for path in itertools.product(range(classes), repeat=frames):
        collapsed = [c for i, c in enumerate(path) if c != blank and (i == 0 or path[i - 1] != c)]
        if collapsed == list(label):
            total += np.exp(sum(log_probs[t, c] for t, c in enumerate(path)))
    return -np.log(total)


def test_ctc_matches_brute_force():
    logits = RNG.normal(size=(3, 5, 3)).astype("float32")
    targets = np.array([[1, 2], [1, 1], [2, 0]], "int32")
    expected = [brute_force_ctc([1, 2], logits[0]), brute_force_ctc([1, 1], logits[1]),
                brute_force_ctc([2], logits[2])]
    np.testing.assert_allclose(to_np(losses.ctc(targets, logits)), expected, rtol=1e-4)
    np.testing.assert_allclose(float(losses.CTC()(targets, logits)), np.mean(expected),
                               rtol=1e-4)


def test_ctc_rejects_wrong_ranks():
    with pytest.raises(ValueError, match="y_true"):
        losses.ctc(np.ones((2,), "int32"), np.ones((2, 3, 4), "float32"))
    with pytest.raises(ValueError, match="y_pred"):
        losses.ctc(np.ones((2, 2), "int32"), np.ones((2, 4), "float32"))
