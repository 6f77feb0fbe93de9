import re

import numpy as np
import pytest

from cornu.callbacks import Callback, History, LearningRateScheduler
from cornu.callbacks.log_values import to_float


class RecordRate(Callback):
    def __init__(self):
        super().__init__()
        self.rates = []

    def on_epoch_begin(self, epoch, logs=None):
        self.rates.append(to_float(self.model.optimizer.learning_rate))


def test_epoch_only_schedule_sets_rate_and_logs_it(fake_model, drive):
    def schedule(epoch):
        return 1e-2 if epoch < 2 else 1e-3

    recorder, history = RecordRate(), History()
    drive([LearningRateScheduler(schedule), recorder, history], fake_model,
          [{"loss": 1.0}] * 4)
    np.testing.assert_allclose(recorder.rates, [1e-2, 1e-2, 1e-3, 1e-3], rtol=1e-6)
    np.testing.assert_allclose(history.history["learning_rate"], recorder.rates, rtol=1e-6)


def test_two_argument_schedule_receives_current_rate(make_model, drive, capsys):
    model = make_model(learning_rate=0.08)
    seen = []

    def halve(epoch, lr):
        seen.append(lr)
        return lr * 0.5

    recorder = RecordRate()
    drive([LearningRateScheduler(halve, verbose=1), recorder], model, [{"loss": 1.0}] * 3)
    np.testing.assert_allclose(seen, [0.08, 0.04, 0.02], rtol=1e-6)
    np.testing.assert_allclose(recorder.rates, [0.04, 0.02, 0.01], rtol=1e-6)
    out = capsys.readouterr().out
    assert re.search(r"Epoch 1: LearningRateScheduler setting learning rate to 0\.0399999|"
                     r"Epoch 1: LearningRateScheduler setting learning rate to 0\.04", out), out


def test_bad_schedules_are_reported(fake_model):
    with pytest.raises(TypeError, match="expects a callable schedule"):
        LearningRateScheduler(0.1)
    scheduler = LearningRateScheduler(lambda epoch: "fast")
    scheduler.set_model(fake_model)
    with pytest.raises(ValueError, match="must return a float; received 'fast'"):
        scheduler.on_epoch_begin(0)
