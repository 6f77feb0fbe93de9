"""IoU family against a NumPy confusion matrix."""
import numpy as np
import pytest

from cornu import metrics, ops

RNG = np.random.default_rng(8)


def value(x):
    return np.asarray(ops.convert_to_numpy(x))


def np_iou(y_true, y_pred, num_classes, ids, weights=None):
    weights = np.ones(len(y_true)) if weights is None else weights
    cm = np.zeros((num_classes, num_classes))
    np.add.at(cm, (y_true, y_pred), weights)
    tp = np.diag(cm)
    denom = cm.sum(0) + cm.sum(1) - tp
    iou = tp[ids] / (denom[ids] + 1e-7)
    return iou.sum() / ((denom[ids] > 1e-9).sum() + 1e-7)


def test_mean_iou_and_iou_over_updates():
    y_true = RNG.integers(0, 4, size=(2, 32))
    y_pred = RNG.integers(0, 4, size=(2, 32))
    weights = RNG.uniform(size=(2, 32)).astype("float32")
    mean_iou = metrics.MeanIoU(num_classes=4)
    mean_iou.update_state(y_true[0], y_pred[0], sample_weight=weights[0])
    mean_iou.update_state(y_true[1], y_pred[1], sample_weight=weights[1])
    expected = np_iou(y_true.ravel(), y_pred.ravel(), 4, [0, 1, 2, 3], weights.ravel())
    assert np.isclose(float(value(mean_iou.result())), expected, rtol=1e-5)
    iou = metrics.IoU(num_classes=4, target_class_ids=[1, 3])
    iou.update_state(y_true, y_pred)
    assert np.isclose(float(value(iou.result())),
                      np_iou(y_true.ravel(), y_pred.ravel(), 4, [1, 3]), rtol=1e-5)
    iou.reset_state()
    assert float(value(iou.result())) == 0.0


def test_docstring_example_ignore_class_and_one_hot():
    iou = metrics.IoU(num_classes=2, target_class_ids=[0])
    iou.update_state([0, 0, 1, 1], [0, 1, 0, 1])
    assert np.isclose(float(value(iou.result())), 1 / 3, rtol=1e-5)
    ignoring = metrics.MeanIoU(num_classes=3, ignore_class=2)
    ignoring.update_state([0, 1, 2, 2, 1], [0, 1, 1, 0, 0])
    assert np.isclose(float(value(ignoring.result())),
                      np_iou(np.array([0, 1, 1]), np.array([0, 1, 0]), 3, [0, 1, 2]), rtol=1e-5)
    labels = RNG.integers(0, 3, size=32)
    scores = RNG.uniform(size=(32, 3)).astype("float32")
    one_hot = metrics.OneHotMeanIoU(num_classes=3)
    one_hot.update_state(np.eye(3)[labels], scores)
    assert np.isclose(float(value(one_hot.result())),
                      np_iou(labels, scores.argmax(1), 3, [0, 1, 2]), rtol=1e-5)
    one_hot_iou = metrics.OneHotIoU(num_classes=3, target_class_ids=[2])
    one_hot_iou.update_state(np.eye(3)[labels], scores)
    assert np.isclose(float(value(one_hot_iou.result())),
                      np_iou(labels, scores.argmax(1), 3, [2]), rtol=1e-5)


def test_binary_iou():
    y_true = RNG.integers(0, 2, size=32)
    scores = RNG.uniform(size=32).astype("float32")
    binary = metrics.BinaryIoU(target_class_ids=[1], threshold=0.3)
    binary.update_state(y_true, scores)
    assert np.isclose(float(value(binary.result())),
                      np_iou(y_true, (scores > 0.3).astype(int), 2, [1]), rtol=1e-5)


def test_configs_and_errors():
    for metric in (metrics.MeanIoU(num_classes=3, ignore_class=0),
                   metrics.IoU(num_classes=3, target_class_ids=[0, 2]),
                   metrics.BinaryIoU(threshold=0.7), metrics.OneHotIoU(3, [1]),
                   metrics.OneHotMeanIoU(3)):
        config = metric.get_config()
        assert type(metric).from_config(config).get_config() == config
    with pytest.raises(ValueError, match="target_class_ids"):
        metrics.IoU(num_classes=2, target_class_ids=[3])
    with pytest.raises(ValueError, match="num_classes"):
        metrics.MeanIoU(num_classes=0)
