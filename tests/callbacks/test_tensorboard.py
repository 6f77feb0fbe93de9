import glob
import os

import numpy as np
import pytest
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from cornu import backend
from cornu.callbacks import CallbackList, TensorBoard


def read_run(run_dir):
    accumulator = EventAccumulator(run_dir, size_guidance={"scalars": 0, "histograms": 0,
                                                           "tensors": 0})
    accumulator.Reload()
    scalars = {tag: [(e.step, e.value) for e in accumulator.Scalars(tag)]
               for tag in accumulator.Tags()["scalars"]}
    return accumulator, scalars


class FakeLayer:
    def __init__(self, name, weights):
        self.name = name
        self.weights = weights


def fit_logs():
    return [{"loss": 1.0, "accuracy": 0.5, "val_loss": 1.5, "val_accuracy": 0.4},
            {"loss": 0.8, "accuracy": 0.6, "val_loss": 1.2, "val_accuracy": 0.45},
            {"loss": 0.6, "accuracy": 0.7, "val_loss": 1.1, "val_accuracy": 0.5}]


def test_epoch_scalars_in_train_and_validation_runs(fake_model, drive, tmp_path):
    log_dir = str(tmp_path / "logs")
    drive([TensorBoard(log_dir=log_dir)], fake_model, fit_logs())
    for run in ("train", "validation"):
        files = glob.glob(os.path.join(log_dir, run, "*tfevents*"))
        assert files and all(os.path.getsize(f) > 0 for f in files)
    _, train = read_run(os.path.join(log_dir, "train"))
    _, validation = read_run(os.path.join(log_dir, "validation"))
    assert train["epoch_loss"] == [(0, 1.0), (1, pytest.approx(0.8)), (2, pytest.approx(0.6))]
    np.testing.assert_allclose([v for _, v in train["epoch_accuracy"]], [0.5, 0.6, 0.7],
                               rtol=1e-6)
    np.testing.assert_allclose([v for _, v in train["epoch_learning_rate"]], [0.1] * 3,
                               rtol=1e-6)
    np.testing.assert_allclose([v for _, v in validation["epoch_loss"]], [1.5, 1.2, 1.1],
                               rtol=1e-6)
    assert [s for s, _ in validation["epoch_accuracy"]] == [0, 1, 2]
    assert not any(tag.startswith("epoch_val_") for tag in train)


def test_batch_updates_histograms_and_images(fake_model, tmp_path):
    kernel = backend.Variable(np.arange(6, dtype="float32").reshape(3, 2), name="kernel")
    fake_model.layers = [FakeLayer("dense", [kernel])]
    log_dir = str(tmp_path / "logs")
    callback = TensorBoard(log_dir=log_dir, update_freq=2, histogram_freq=1, write_images=True,
                           write_steps_per_second=True)
    callbacks = CallbackList([callback], model=fake_model, epochs=1, steps=4, verbose=0)
    callbacks.on_train_begin()
    callbacks.on_epoch_begin(0)
    for step in range(4):
        callbacks.on_train_batch_end(step, {"loss": float(step)})
    callbacks.on_epoch_end(0, {"loss": 1.5})
    callbacks.on_train_end()
    accumulator, train = read_run(os.path.join(log_dir, "train"))
    assert train["batch_loss"] == [(2, 1.0), (4, 3.0)]
    assert train["epoch_steps_per_second"][0][1] > 0
    tags = accumulator.Tags()
    weight_tag = [t for t in tags["histograms"] if t.endswith("/histogram")]
    assert len(weight_tag) == 1 and "kernel" in weight_tag[0]
    histogram = accumulator.Histograms(weight_tag[0])[0].histogram_value
    assert (histogram.num, histogram.min, histogram.max) == (6, 0.0, 5.0)
    image_tags = [t for t in tags["tensors"] if t.endswith("/image")]
    assert len(image_tags) == 1
    assert accumulator.SummaryMetadata(image_tags[0]).plugin_data.plugin_name == "images"


def test_standalone_evaluate_writes_validation_run(fake_model, tmp_path):
    log_dir = str(tmp_path / "logs")
    callbacks = CallbackList([TensorBoard(log_dir=log_dir)], model=fake_model)
    callbacks.on_test_begin()
    callbacks.on_test_end({"loss": 0.3})
    _, validation = read_run(os.path.join(log_dir, "validation"))
    assert validation["evaluation_loss_vs_iterations"] == [(0, pytest.approx(0.3))]


def test_invalid_update_freq():
    with pytest.raises(ValueError, match="update_freq must be 'epoch', 'batch' or a positive"):
        TensorBoard(update_freq="step")
