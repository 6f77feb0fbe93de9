"""`BackupAndRestore`: resume a `fit` that was interrupted."""
import json
import os

from cornu.callbacks.callback import Callback
from cornu.saving.atomic import atomic_write_path as atomic_output_path

_WEIGHTS_FILE = "latest.weights.h5"
_METADATA_FILE = "training_metadata.json"


class BackupAndRestore(Callback):
    """Back up weights, optimizer state and progress so an interrupted fit can resume.

    On `on_train_begin`, an existing backup is loaded and `model._initial_epoch`
    is set to the first epoch not yet completed; `fit` starts from there.
    After a normal end of training the backup is deleted (`delete_checkpoint`).

    Args:
        backup_dir: folder for the backup files (only for this callback).
        save_freq: `"epoch"`, an int number of batches, or False (never save).
        delete_checkpoint: remove the backup once training completes.

    Example:

        model.fit(x, y, epochs=10, callbacks=[BackupAndRestore("/tmp/backup")])
    """

    def __init__(self, backup_dir, save_freq="epoch", delete_checkpoint=True):
        super().__init__()
        if not backup_dir:
            raise ValueError(f"BackupAndRestore needs a backup_dir; received {backup_dir!r}.")
        if save_freq != "epoch" and save_freq is not False and not (
                isinstance(save_freq, int) and not isinstance(save_freq, bool) and save_freq > 0):
            raise ValueError(
                "BackupAndRestore save_freq must be 'epoch', False or a positive int; "
                f"received save_freq={save_freq!r}.")
        self.backup_dir = os.fspath(backup_dir)
        self.save_freq = save_freq
        self.delete_checkpoint = delete_checkpoint
        self._weights_path = os.path.join(self.backup_dir, _WEIGHTS_FILE)
        self._training_metadata_path = os.path.join(self.backup_dir, _METADATA_FILE)
        self._current_epoch = 0
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = -1

    def on_train_begin(self, logs=None):
        if not os.path.exists(self._training_metadata_path):
            return
        if not os.path.exists(self._weights_path):
            raise ValueError(
                f"BackupAndRestore found {self._training_metadata_path} but not "
                f"{self._weights_path}; the backup in {self.backup_dir!r} is incomplete.")
        with open(self._training_metadata_path, encoding="utf-8") as stream:
            metadata = json.load(stream)
        self.model.load_weights(self._weights_path)
        self.model._initial_epoch = int(metadata["epoch"])

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if self.save_freq == "epoch" or self.save_freq is False:
            return
        seen = batch + 1 if batch <= self._last_batch_seen else batch - self._last_batch_seen
        self._last_batch_seen = batch
        self._batches_seen_since_last_saving += seen
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            # The epoch is unfinished: resuming re-runs it from its start.
            self._save(next_epoch=self._current_epoch, batch=batch)

    def on_epoch_end(self, epoch, logs=None):
        if self.save_freq == "epoch":
            self._save(next_epoch=epoch + 1, batch=None)

    def _save(self, next_epoch, batch):
        os.makedirs(self.backup_dir, exist_ok=True)
        # Weights first: the metadata file is what marks a backup as usable.
        self.model.save_weights(self._weights_path, overwrite=True)
        with atomic_output_path(self._training_metadata_path) as temp_path:
            with open(temp_path, "w", encoding="utf-8") as stream:
                json.dump({"epoch": next_epoch, "batch": batch}, stream)

    def on_train_end(self, logs=None):
        if not self.delete_checkpoint:
            return
        for path in (self._training_metadata_path, self._weights_path):
            if os.path.exists(path):
                os.remove(path)
        if os.path.isdir(self.backup_dir) and not os.listdir(self.backup_dir):
            os.rmdir(self.backup_dir)
