"""Cross-entropy losses against NumPy, including from_logits, smoothing, axis and errors."""
import numpy as np
import pytest

from cornu import losses, ops

EPS = 1e-7
RNG = np.random.default_rng(1)


def to_np(x):
    return np.asarray(ops.convert_to_numpy(x))


def np_softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def np_bce(y, p):
    p = np.clip(p, EPS, 1 - EPS)
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


LABELS = np.array([[1.0], [0.0], [1.0], [0.0]], "float32")
PROBS = np.array([[0.9], [0.2], [0.4], [0.6]], "float32")
CLASS_PROBS = np.array([[0.7, 0.2, 0.1], [0.2, 0.5, 0.3]], "float32")
ONE_HOT = np.array([[1, 0, 0], [0, 0, 1]], "float32")


def test_binary_crossentropy_plain_smoothing_and_logits():
    bce = np.mean(np_bce(LABELS, PROBS))
    assert np.isclose(float(losses.BinaryCrossentropy()(LABELS, PROBS)), bce, rtol=1e-5)
    smoothed = LABELS * 0.9 + 0.05
    assert np.isclose(float(losses.BinaryCrossentropy(label_smoothing=0.1)(LABELS, PROBS)),
                      np.mean(np_bce(smoothed, PROBS)), rtol=1e-5)
    logits = np.log(PROBS / (1 - PROBS))
    assert np.isclose(float(losses.BinaryCrossentropy(from_logits=True)(LABELS, logits)), bce,
                      rtol=1e-5)
    np.testing.assert_allclose(to_np(losses.binary_crossentropy(LABELS, PROBS)),
                               np_bce(LABELS, PROBS)[:, 0], rtol=1e-5)


def test_binary_crossentropy_logits_extremes_are_finite():
    value = to_np(losses.binary_crossentropy([[1.0, 0.0]], [[-100.0, 100.0]], from_logits=True))
    np.testing.assert_allclose(value, [100.0], rtol=1e-6)


def test_binary_crossentropy_axis_and_rank_one_targets():
    y = RNG.integers(0, 2, size=(3, 4)).astype("float32")
    p = RNG.uniform(0.05, 0.95, size=(3, 4)).astype("float32")
    np.testing.assert_allclose(to_np(losses.binary_crossentropy(y, p, axis=0)),
                               np.mean(np_bce(y, p), axis=0), rtol=1e-5)
    flat = float(losses.BinaryCrossentropy()(LABELS[:, 0], PROBS))
    assert np.isclose(flat, np.mean(np_bce(LABELS, PROBS)), rtol=1e-5)


def test_binary_focal_crossentropy():
    y = RNG.integers(0, 2, size=(5, 3)).astype("float32")
    p = RNG.uniform(0.05, 0.95, size=(5, 3)).astype("float32")
    gamma, alpha = 2.0, 0.25
    p_t = y * p + (1 - y) * (1 - p)
    focal = (1 - p_t) ** gamma * np_bce(y, p)
    np.testing.assert_allclose(float(losses.BinaryFocalCrossentropy()(y, p)), focal.mean(),
                               rtol=1e-5)
    balanced = (y * alpha + (1 - y) * (1 - alpha)) * focal
    loss = losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=alpha)
    np.testing.assert_allclose(float(loss(y, p)), balanced.mean(), rtol=1e-5)
    logits = np.log(p / (1 - p))
    loss = losses.BinaryFocalCrossentropy(from_logits=True)
    np.testing.assert_allclose(float(loss(y, logits)), focal.mean(), rtol=1e-4)
    zero_gamma = losses.BinaryFocalCrossentropy(gamma=0.0)(y, p)
    np.testing.assert_allclose(float(zero_gamma), np.mean(np_bce(y, p)), rtol=1e-5)


def test_categorical_crossentropy_variants():
    expected = -np.mean(np.log([0.7, 0.3]))
    assert np.isclose(float(losses.CategoricalCrossentropy()(ONE_HOT, CLASS_PROBS)), expected,
                      rtol=1e-5)
    logits = RNG.normal(size=(2, 3)).astype("float32")
    expected_logits = -np.sum(ONE_HOT * np.log(np_softmax(logits)), -1)
    np.testing.assert_allclose(to_np(losses.categorical_crossentropy(ONE_HOT, logits,
                                                                     from_logits=True)),
                               expected_logits, rtol=1e-5)
    smoothed = ONE_HOT * 0.8 + 0.2 / 3
    expected_smooth = -np.sum(smoothed * np.log(CLASS_PROBS), -1).mean()
    loss = losses.CategoricalCrossentropy(label_smoothing=0.2)
    assert np.isclose(float(loss(ONE_HOT, CLASS_PROBS)), expected_smooth, rtol=1e-5)
    unnormalised = CLASS_PROBS * 3.0
    assert np.isclose(float(losses.CategoricalCrossentropy()(ONE_HOT, unnormalised)), expected,
                      rtol=1e-5)


def test_categorical_crossentropy_axis():
    logits = RNG.normal(size=(3, 2)).astype("float32")
    targets = ONE_HOT.T.copy()
    expected = -np.sum(targets * np.log(np_softmax(logits, axis=0)), axis=0)
    loss = losses.CategoricalCrossentropy(from_logits=True, axis=0, reduction="none")
    np.testing.assert_allclose(to_np(loss(targets, logits)), expected, rtol=1e-5)
    with pytest.raises(ValueError, match="axis"):
        losses.categorical_crossentropy(ONE_HOT, CLASS_PROBS, axis=True)


def test_categorical_focal_crossentropy():
    alpha, gamma = 0.25, 2.0
    expected = np.sum(alpha * (1 - CLASS_PROBS) ** gamma * -ONE_HOT * np.log(CLASS_PROBS), -1)
    np.testing.assert_allclose(float(losses.CategoricalFocalCrossentropy()(ONE_HOT, CLASS_PROBS)),
                               expected.mean(), rtol=1e-5)
    logits = np.log(CLASS_PROBS)
    loss = losses.CategoricalFocalCrossentropy(from_logits=True, reduction="none")
    np.testing.assert_allclose(to_np(loss(ONE_HOT, logits)), expected, rtol=1e-5)


def test_sparse_categorical_crossentropy_variants():
    expected = -np.mean(np.log([0.7, 0.3]))
    labels = np.array([0, 2])
    assert np.isclose(float(losses.SparseCategoricalCrossentropy()(labels, CLASS_PROBS)),
                      expected, rtol=1e-5)
    assert np.isclose(float(losses.SparseCategoricalCrossentropy()(labels[:, None], CLASS_PROBS)),
                      expected, rtol=1e-5)
    logits = RNG.normal(size=(2, 3)).astype("float32")
    expected_logits = -np.log(np_softmax(logits)[[0, 1], labels])
    np.testing.assert_allclose(
        to_np(losses.sparse_categorical_crossentropy(labels, logits, from_logits=True)),
        expected_logits, rtol=1e-5)


def test_sparse_categorical_crossentropy_ignore_class():
    logits = RNG.normal(size=(2, 4, 3)).astype("float32")
    labels = np.array([[0, 1, -1, 2], [2, -1, -1, 0]])
    log_probs = np.log(np_softmax(logits))
    valid = labels != -1
    picked = np.where(valid, -np.take_along_axis(log_probs, np.maximum(labels, 0)[..., None],
                                                 -1)[..., 0], 0.0)
    per_sample = to_np(losses.sparse_categorical_crossentropy(labels, logits, from_logits=True,
                                                              ignore_class=-1))
    np.testing.assert_allclose(per_sample, picked, rtol=1e-5, atol=1e-6)
    loss = losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1)
    np.testing.assert_allclose(float(loss(labels, logits)), picked[valid].mean(), rtol=1e-4)


def test_sparse_categorical_crossentropy_sequences_and_out_of_range_labels(backend_name):
    probabilities = np_softmax(RNG.normal(size=(2, 4, 3))).astype("float32")
    labels = np.array([[0, 1, 2, 2], [1, 0, 0, 2]])
    expected = -np.log(np.take_along_axis(probabilities, labels[..., None], -1)[..., 0])
    np.testing.assert_allclose(
        to_np(losses.sparse_categorical_crossentropy(labels, probabilities)), expected,
        rtol=1e-5)
    np.testing.assert_allclose(
        to_np(losses.sparse_categorical_crossentropy(labels, np.log(probabilities),
                                                     from_logits=True)), expected, rtol=1e-5)
    bad = np.array([1, 3])
    for from_logits in (True, False):
        loss = losses.SparseCategoricalCrossentropy(from_logits=from_logits, reduction="none")
        if backend_name == "torch":
            with pytest.raises(ValueError, match=r"\[0, 3\).*out-of-range"):
                loss(bad, CLASS_PROBS)
        else:  # no exceptions inside a jitted step: the bad entry reads NaN, never 0
            per_sample = to_np(loss(bad, CLASS_PROBS))
            assert np.isfinite(per_sample[0]) and np.isnan(per_sample[1])


def test_integer_labels_with_one_hot_loss_name_the_sparse_loss():
    labels = np.array([0, 2, 1])
    probs = np_softmax(RNG.normal(size=(3, 3))).astype("float32")
    for targets in (labels, labels[:, None]):
        with pytest.raises(ValueError, match="SparseCategoricalCrossentropy"):
            losses.CategoricalCrossentropy()(targets, probs)
        with pytest.raises(ValueError, match="SparseCategoricalCrossentropy"):
            losses.categorical_crossentropy(targets, probs)
    with pytest.raises(ValueError, match="same shape"):
        losses.categorical_crossentropy(np.ones((3, 4), "float32"), probs)


def test_one_hot_targets_with_sparse_loss_name_the_categorical_loss():
    probs = np_softmax(RNG.normal(size=(3, 4))).astype("float32")
    one_hot = np.eye(4, dtype="float32")[[0, 3, 1]]
    with pytest.raises(ValueError, match="CategoricalCrossentropy"):
        losses.SparseCategoricalCrossentropy()(one_hot, probs)
    with pytest.raises(ValueError, match="integer labels"):
        losses.sparse_categorical_crossentropy(np.zeros((3, 2)), probs)


def test_config_keys():
    config = losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1).get_config()
    assert config == {"name": "binary_crossentropy", "reduction": "sum_over_batch_size",
                      "from_logits": True, "label_smoothing": 0.1, "axis": -1}
    config = losses.SparseCategoricalCrossentropy(ignore_class=0).get_config()
    assert config["ignore_class"] == 0 and config["from_logits"] is False
