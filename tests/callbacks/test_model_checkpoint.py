import os

import pytest

from cornu.callbacks import LambdaCallback, ModelCheckpoint


def test_formats_epoch_and_log_keys_in_a_new_folder(fake_model, drive, tmp_path):
    pattern = str(tmp_path / "ckpt" / "model-{epoch:02d}-{val_loss:.2f}.keras")
    checkpoint = ModelCheckpoint(pattern)
    drive([checkpoint], fake_model, [{"val_loss": 0.5}, {"val_loss": 0.25}])
    assert sorted(os.listdir(tmp_path / "ckpt")) == ["model-01-0.50.keras",
                                                     "model-02-0.25.keras"]
    assert fake_model.saved == [("model", "model-01-0.50.keras"),
                                ("model", "model-02-0.25.keras")]


def test_save_best_only_by_accuracy_rewrites_on_strict_improvement(fake_model, drive, tmp_path,
                                                                    capsys):
    path = tmp_path / "best.weights.h5"
    checkpoint = ModelCheckpoint(path, monitor="val_accuracy", save_best_only=True,
                                 save_weights_only=True, verbose=1)
    contents = []
    set_weights = LambdaCallback(
        on_epoch_end=lambda epoch, logs: fake_model.weights[1].fill(epoch))
    record = LambdaCallback(on_epoch_end=lambda epoch, logs: contents.append(path.read_text()))
    accuracies = [0.5, 0.7, 0.7, 0.6, 0.8]
    drive([set_weights, checkpoint, record], fake_model,
          [{"val_accuracy": a} for a in accuracies])
    assert contents == ["weights:0.0", "weights:1.0", "weights:1.0", "weights:1.0",
                        "weights:4.0"]
    assert checkpoint.best == 0.8
    out = capsys.readouterr().out
    assert "Epoch 2: val_accuracy improved from 0.50000 to 0.70000, saving model to" in out
    assert "Epoch 3: val_accuracy did not improve from 0.70000" in out


def test_initial_value_threshold_and_min_mode(fake_model, drive, tmp_path):
    checkpoint = ModelCheckpoint(tmp_path / "m.keras", monitor="loss", mode="min",
                                 save_best_only=True, initial_value_threshold=0.4)
    drive([checkpoint], fake_model, [{"loss": 0.5}, {"loss": 0.45}, {"loss": 0.3}])
    assert fake_model.saved == [("model", "m.keras")]
    assert checkpoint.best == 0.3


def test_missing_monitor_warns_and_skips(fake_model, drive, tmp_path):
    checkpoint = ModelCheckpoint(tmp_path / "m.keras", save_best_only=True)
    with pytest.warns(UserWarning, match="val_loss"):
        drive([checkpoint], fake_model, [{"loss": 0.5}])
    assert fake_model.saved == []


def test_integer_save_freq_counts_batches_across_epochs(fake_model, drive, tmp_path):
    checkpoint = ModelCheckpoint(str(tmp_path / "e{epoch}-b{batch}.keras"), save_freq=3)
    drive([checkpoint], fake_model, [{"loss": 1.0}] * 2, steps=4)
    # Batches seen: 4 in epoch 1, 4 in epoch 2 -> saves after the 3rd and 6th.
    assert [name for _, name in fake_model.saved] == ["e1-b3.keras", "e2-b2.keras"]


def test_invalid_arguments_are_reported(tmp_path):
    with pytest.raises(ValueError, match="ending in `.weights.h5`; received filepath="):
        ModelCheckpoint(str(tmp_path / "w.h5"), save_weights_only=True)
    with pytest.raises(ValueError, match="ending in `.keras`"):
        ModelCheckpoint(str(tmp_path / "model.h5"))
    with pytest.raises(ValueError, match="save_freq must be 'epoch' or a positive int"):
        ModelCheckpoint(str(tmp_path / "m.keras"), save_freq="batch")


def test_unknown_format_key_is_a_clear_error(fake_model, drive, tmp_path):
    checkpoint = ModelCheckpoint(str(tmp_path / "m-{val_acc:.2f}.keras"))
    with pytest.raises(KeyError, match="could not format filepath"):
        drive([checkpoint], fake_model, [{"loss": 1.0}])
