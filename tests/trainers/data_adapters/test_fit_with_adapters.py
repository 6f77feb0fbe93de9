"""End-to-end: fit / evaluate / predict consume every adapter kind (tiny model, few steps)."""
import numpy as np
import pandas as pd
import pytest

import cornu
from cornu import layers

RNG = np.random.default_rng(0)
X = RNG.normal(size=(24, 3)).astype("float32")
Y = (X.sum(axis=1) > 0).astype("int32")


def _model():
    inputs = cornu.Input(shape=(3,), name="features")
    outputs = layers.Dense(2, activation="softmax")(inputs)
    model = cornu.Model(inputs, outputs)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    return model


class Batches(cornu.utils.PyDataset):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.ended = 0

    def __len__(self):
        return 3

    def __getitem__(self, index):
        rows = slice(index * 8, (index + 1) * 8)
        return X[rows], Y[rows]

    def on_epoch_end(self):
        self.ended += 1


@pytest.mark.parametrize("make_data", [
    lambda: dict(x=X, y=Y, batch_size=8),
    lambda: dict(x=pd.DataFrame(X), y=pd.Series(Y), batch_size=8),
    lambda: dict(x={"features": X}, y=Y, batch_size=8),
    lambda: dict(x=iter([(X[i:i + 8], Y[i:i + 8]) for i in (0, 8, 16, 0, 8, 16)]),
                 steps_per_epoch=3),
    lambda: dict(x=Batches(workers=2)),
], ids=["arrays", "pandas", "dict", "generator", "py_dataset"])
def test_fit_runs_two_epochs(make_data):
    history = _model().fit(epochs=2, verbose=0, **make_data())
    assert len(history.history["loss"]) == 2
    assert all(np.isfinite(history.history["loss"]))


def test_py_dataset_epoch_hook_and_predict():
    model = _model()
    data = Batches()
    model.fit(data, epochs=2, verbose=0)
    assert 2 <= data.ended <= 3
    assert model.predict(Batches(), verbose=0).shape == (24, 2)
    assert np.isfinite(model.evaluate(Batches(), verbose=0))


def test_validation_split_uses_last_rows():
    history = _model().fit(X, Y, batch_size=8, epochs=1, validation_split=0.25, verbose=0)
    assert "val_loss" in history.history
