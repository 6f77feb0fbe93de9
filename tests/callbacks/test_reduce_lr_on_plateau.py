import numpy as np
import pytest

from cornu.callbacks import Callback, ReduceLROnPlateau
from cornu.callbacks.log_values import to_float


class RecordRate(Callback):
    def __init__(self):
        super().__init__()
        self.rates = []

    def on_epoch_begin(self, epoch, logs=None):
        self.rates.append(to_float(self.model.optimizer.learning_rate))


def test_reduces_after_each_plateau_of_patience_epochs(make_model, drive):
    model = make_model(learning_rate=0.1)
    recorder = RecordRate()
    drive([ReduceLROnPlateau(monitor="val_loss", patience=3, factor=0.1), recorder], model,
          [{"val_loss": 0.7}] * 10)
    np.testing.assert_allclose(recorder.rates, [0.1] * 4 + [0.01] * 3 + [0.001] * 3, rtol=1e-5)


def test_cooldown_min_lr_and_improvement(make_model, drive):
    model = make_model(learning_rate=1.0)
    recorder = RecordRate()
    from cornu.callbacks import History

    hist = History()
    reducer = ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, cooldown=2, min_lr=0.3)
    drive([reducer, recorder, hist], model,
          [{"loss": v} for v in [1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]])
    # Reduce at the end of epoch 2; epoch 3 is cooldown; the cooldown ends during
    # epoch 4, which counts again and reduces (clipped to min_lr); min_lr then holds.
    np.testing.assert_allclose(recorder.rates, [1.0, 1.0, 1.0, 0.5, 0.5, 0.3, 0.3, 0.3],
                               rtol=1e-6)
    np.testing.assert_allclose(hist.history["learning_rate"],
                               [1.0, 1.0, 1.0, 0.5, 0.5, 0.3, 0.3, 0.3], rtol=1e-6)


def test_accuracy_is_maximised_and_min_delta_applies(make_model, drive):
    model = make_model(learning_rate=0.2)
    recorder = RecordRate()
    drive([ReduceLROnPlateau(monitor="val_accuracy", patience=2, min_delta=0.05), recorder],
          model, [{"val_accuracy": v} for v in [0.5, 0.52, 0.54, 0.7, 0.71]])
    np.testing.assert_allclose(recorder.rates, [0.2, 0.2, 0.2, 0.02, 0.02], rtol=1e-5)


def test_factor_must_be_below_one():
    with pytest.raises(ValueError, match="factor < 1.0; received factor=1.5"):
        ReduceLROnPlateau(factor=1.5)


def test_model_without_optimizer_is_a_clear_error(make_model):
    model = make_model()
    model.optimizer = None
    reducer = ReduceLROnPlateau()
    reducer.set_model(model)
    with pytest.raises(ValueError, match="ReduceLROnPlateau needs a compiled model"):
        reducer.on_epoch_end(0, {"val_loss": 1.0})
