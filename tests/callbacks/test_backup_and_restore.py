import json
import os

import pytest

from cornu.callbacks import BackupAndRestore, CallbackList


class Interrupt(Exception):
    pass


def fit(model, callbacks, epochs, fail_at_epoch=None, steps=2):
    """A minimal trainer honouring `model._initial_epoch` as the fit contract says."""
    callback_list = CallbackList(callbacks, model=model, epochs=epochs, steps=steps, verbose=0)
    model._initial_epoch = None
    callback_list.on_train_begin()
    start = model._initial_epoch or 0
    ran = []
    for epoch in range(start, epochs):
        callback_list.on_epoch_begin(epoch)
        for step in range(steps):
            callback_list.on_train_batch_begin(step)
            model.weights[1] += 1.0
            callback_list.on_train_batch_end(step, {"loss": 1.0})
        if epoch == fail_at_epoch:
            raise Interrupt()
        callback_list.on_epoch_end(epoch, {"loss": 1.0})
        ran.append(epoch)
    callback_list.on_train_end()
    return ran


def test_resume_after_interruption_then_cleanup(make_model, tmp_path):
    backup_dir = tmp_path / "backup"
    model = make_model()
    with pytest.raises(Interrupt):
        fit(model, [BackupAndRestore(str(backup_dir))], epochs=5, fail_at_epoch=2)
    metadata = json.loads((backup_dir / "training_metadata.json").read_text())
    assert metadata["epoch"] == 2
    assert (backup_dir / "latest.weights.h5").read_text() == "weights:4.0"

    fresh = make_model()
    ran = fit(fresh, [BackupAndRestore(str(backup_dir))], epochs=5)
    assert ran == [2, 3, 4]
    assert fresh.weights[1][0] == 4.0 + 3 * 2
    assert not backup_dir.exists()


def test_batch_frequency_and_keeping_the_checkpoint(make_model, tmp_path):
    backup_dir = tmp_path / "backup"
    model = make_model()
    with pytest.raises(Interrupt):
        fit(model, [BackupAndRestore(str(backup_dir), save_freq=3, delete_checkpoint=False)],
            epochs=3, fail_at_epoch=1)
    # Saved after the third batch (epoch 1, batch 0): epoch 1 must be re-run.
    assert json.loads((backup_dir / "training_metadata.json").read_text()) == {
        "epoch": 1, "batch": 0}
    fresh = make_model()
    assert fit(fresh, [BackupAndRestore(str(backup_dir), delete_checkpoint=False)],
               epochs=3) == [1, 2]
    assert sorted(os.listdir(backup_dir)) == ["latest.weights.h5", "training_metadata.json"]


def test_invalid_arguments():
    with pytest.raises(ValueError, match="needs a backup_dir"):
        BackupAndRestore("")
    with pytest.raises(ValueError, match="save_freq must be 'epoch', False or a positive int"):
        BackupAndRestore("x", save_freq=0)
