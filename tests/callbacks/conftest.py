"""A stand-in model for driving callbacks without the trainer."""
import os

import numpy as np
import pytest

from cornu import backend


class FakeOptimizer:
    """Exposes `learning_rate` as a property backed by a Variable, like cornu optimizers."""

    def __init__(self, learning_rate=0.1):
        self._learning_rate = backend.Variable(learning_rate, dtype="float32",
                                               trainable=False, name="learning_rate")
        self.iterations = 0

    @property
    def learning_rate(self):
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        self._learning_rate.assign(value)


class FakeModel:
    """Weights are NumPy arrays; save/save_weights write a file recording what was saved."""

    def __init__(self, learning_rate=0.1):
        self.stop_training = False
        self.optimizer = FakeOptimizer(learning_rate)
        self.weights = [np.zeros((2, 2), "float32"), np.zeros((2,), "float32")]
        self.saved = []
        self.layers = []

    def get_weights(self):
        return [w.copy() for w in self.weights]

    def set_weights(self, weights):
        self.weights = [np.array(w) for w in weights]

    def _write(self, kind, filepath, overwrite):
        assert overwrite is True
        with open(filepath, "w") as stream:
            stream.write(f"{kind}:{self.weights[1][0]}")
        self.saved.append((kind, os.path.basename(filepath)))

    def save(self, filepath, overwrite=True):
        self._write("model", filepath, overwrite)

    def save_weights(self, filepath, overwrite=True):
        self._write("weights", filepath, overwrite)

    def load_weights(self, filepath):
        with open(filepath) as stream:
            value = float(stream.read().split(":")[1])
        self.weights[1][:] = value


def run_epochs(callbacks, model, epoch_logs, steps=2, batch_logs=None):
    """Drive `callbacks` like fit would; stops early when `model.stop_training` is set.

    Returns the number of epochs that ran.
    """
    from cornu.callbacks import CallbackList

    callback_list = CallbackList(callbacks, model=model, verbose=0, epochs=len(epoch_logs),
                                 steps=steps)
    callback_list.on_train_begin()
    ran = 0
    for epoch, logs in enumerate(epoch_logs):
        callback_list.on_epoch_begin(epoch)
        for step in range(steps):
            callback_list.on_train_batch_begin(step)
            callback_list.on_train_batch_end(step, dict(batch_logs or {"loss": 1.0}))
        callback_list.on_epoch_end(epoch, dict(logs))
        ran += 1
        if model.stop_training:
            break
    callback_list.on_train_end()
    return ran


@pytest.fixture
def fake_model():
    return FakeModel()


@pytest.fixture
def make_model():
    return FakeModel


@pytest.fixture
def drive():
    return run_epochs
