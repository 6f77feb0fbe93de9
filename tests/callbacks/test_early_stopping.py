import numpy as np
import pytest

from cornu.callbacks import EarlyStopping, LambdaCallback


def losses(values, key="val_loss"):
    return [{key: v, "loss": 1.0} for v in values]


def test_stops_after_patience_epochs_without_improvement(fake_model, drive):
    stopper = EarlyStopping(monitor="val_loss", patience=3)
    ran = drive([stopper], fake_model, losses([1.0] * 20))
    assert ran == 4 and stopper.stopped_epoch == 3 and fake_model.stop_training


def test_patience_one_on_accuracy_is_maximised(fake_model, drive):
    stopper = EarlyStopping(monitor="accuracy", patience=1)
    ran = drive([stopper], fake_model, losses([0.5, 0.6, 0.7, 0.65, 0.9], key="accuracy"))
    assert ran == 4 and stopper.stopped_epoch == 3 and stopper.best == 0.7


def test_min_delta_requires_a_large_enough_gain(fake_model, drive):
    stopper = EarlyStopping(patience=2, min_delta=0.1)
    ran = drive([stopper], fake_model, losses([1.0, 0.95, 0.92, 0.5, 0.49, 0.48]))
    assert (ran, stopper.stopped_epoch, stopper.best_epoch) == (3, 2, 0)
    assert stopper.best == 1.0


def test_baseline_must_be_beaten(fake_model, drive):
    stopper = EarlyStopping(patience=2, baseline=0.5)
    ran = drive([stopper], fake_model, losses([0.9, 0.8, 0.7, 0.6]))
    assert ran == 2 and stopper.stopped_epoch == 1


def test_restore_best_weights_and_start_from_epoch(fake_model, drive):
    stopper = EarlyStopping(patience=1, restore_best_weights=True, start_from_epoch=1, verbose=1)
    curve = [0.1, 0.5, 0.3, 0.4, 0.2]
    def set_epoch_weights(epoch, logs):
        fake_model.weights[1][:] = epoch

    # Weights of epoch e are [e, e]; the callback must bring back epoch 2's.
    marker = LambdaCallback(on_epoch_end=set_epoch_weights)
    ran = drive([marker, stopper], fake_model, losses(curve))
    assert ran == 4 and stopper.best_epoch == 2 and stopper.best == 0.3
    np.testing.assert_array_equal(fake_model.weights[1], [2.0, 2.0])


def test_missing_monitor_warns_and_never_stops(fake_model, drive):
    stopper = EarlyStopping(monitor="val_auc", patience=0)
    with pytest.warns(UserWarning, match="val_auc"):
        ran = drive([stopper], fake_model, losses([1.0, 1.0, 1.0]))
    assert ran == 3 and not fake_model.stop_training
    assert stopper.direction == "max"


def test_unknown_mode_falls_back_to_auto():
    with pytest.warns(UserWarning, match="mode 'up' is unknown"):
        stopper = EarlyStopping(mode="up")
    assert stopper.direction == "min"
