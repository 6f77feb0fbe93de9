"""`TensorBoard`: log metrics, weight histograms and images as TensorBoard event files."""
import os
import time
import warnings

import numpy as np

from cornu.callbacks.callback import Callback
from cornu.callbacks.log_values import to_float, to_python_value


def _summary():
    # Loaded on first use: the protobuf modules cost ~0.2 s, paid only by TensorBoard users.
    from cornu.utils import summary

    return summary


def _weight_as_image(array):
    """A `[1, h, w, 1]` image in [0, 1] for a weight of rank 1 to 4 (None otherwise)."""
    if array.ndim == 1:
        array = array[None, :]
    elif array.ndim == 2:
        if array.shape[0] > array.shape[1]:
            array = array.T
    elif array.ndim in (3, 4):
        array = array.reshape(-1, array.shape[-1])
    else:
        return None
    array = array.astype("float64")
    low, high = np.nanmin(array), np.nanmax(array)
    scaled = (array - low) / (high - low) if high > low else np.zeros_like(array)
    return scaled[None, :, :, None]


class TensorBoard(Callback):
    """Write event files readable by TensorBoard, without TensorFlow.

    Runs go to `log_dir/train` and `log_dir/validation`. Epoch metrics are
    logged as `epoch_<name>` (validation values under the same tags in the
    validation run), plus `epoch_learning_rate`.

    Args:
        log_dir: root folder of the runs.
        histogram_freq: every how many epochs to log weight histograms (0: never).
        write_graph: accepted for compatibility; no graph is written.
        write_images: also log weights as images (with `histogram_freq`).
        write_steps_per_second: log training speed as `epoch_steps_per_second`.
        update_freq: `"epoch"`, `"batch"`, or an int: log `batch_<name>` every
            that many training batches.
        profile_batch: accepted for compatibility; profiling is not supported.
        embeddings_freq: accepted for compatibility; embeddings are not logged.
        embeddings_metadata: accepted for compatibility.

    Example:

        model.fit(x, y, validation_split=0.2, callbacks=[TensorBoard("logs")])
    """

    def __init__(self, log_dir="logs", histogram_freq=0, write_graph=True, write_images=False,
                 write_steps_per_second=False, update_freq="epoch", profile_batch=0,
                 embeddings_freq=0, embeddings_metadata=None):
        super().__init__()
        if update_freq == "batch":
            update_freq = 1
        if update_freq != "epoch" and not (
                isinstance(update_freq, int) and not isinstance(update_freq, bool)
                and update_freq > 0):
            raise ValueError(
                "TensorBoard update_freq must be 'epoch', 'batch' or a positive int; "
                f"received update_freq={update_freq!r}.")
        if not isinstance(histogram_freq, int) or histogram_freq < 0:
            raise ValueError(
                "TensorBoard histogram_freq must be a non-negative int; received "
                f"histogram_freq={histogram_freq!r}.")
        if profile_batch:
            warnings.warn("TensorBoard profile_batch is not supported by cornu; ignored.",
                          stacklevel=2)
        if embeddings_freq:
            warnings.warn("TensorBoard embeddings are not supported by cornu; ignored.",
                          stacklevel=2)
        self.log_dir = os.fspath(log_dir)
        self.histogram_freq = histogram_freq
        self.write_graph = write_graph
        self.write_images = write_images
        self.write_steps_per_second = write_steps_per_second
        self.update_freq = update_freq
        self.profile_batch = profile_batch
        self.embeddings_freq = embeddings_freq
        self.embeddings_metadata = embeddings_metadata
        self._log_write_dir = self.log_dir
        self._train_dir = os.path.join(self.log_dir, "train")
        self._val_dir = os.path.join(self.log_dir, "validation")
        self._writers = {}
        self._global_train_batch = 0
        self._epoch_start_time = None
        self._epoch_batches = 0
        self._in_fit = False

    def _writer(self, run):
        writer = self._writers.get(run)
        if writer is None or writer.closed:
            folder = self._train_dir if run == "train" else self._val_dir
            writer = _summary().create_file_writer(folder)
            self._writers[run] = writer
        return writer

    def _close_writers(self):
        for writer in self._writers.values():
            writer.close()
        self._writers = {}

    def _write_scalars(self, run, prefix, logs, step):
        with self._writer(run).as_default(step=step):
            for name, value in logs.items():
                number = to_python_value(value)
                if isinstance(number, (int, float)) and not isinstance(number, bool):
                    _summary().scalar(prefix + name, number)

    def _learning_rate(self):
        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is None or not hasattr(optimizer, "learning_rate"):
            return None
        rate = to_float(optimizer.learning_rate)  # NaN for values that are not numbers
        return None if np.isnan(rate) else rate

    def _optimizer_iterations(self):
        optimizer = getattr(self.model, "optimizer", None)
        iterations = getattr(optimizer, "iterations", None)
        if iterations is None:
            return self._global_train_batch
        value = to_float(iterations)
        return self._global_train_batch if np.isnan(value) else int(value)

    def set_model(self, model):
        super().set_model(model)
        self._global_train_batch = 0

    def on_train_begin(self, logs=None):
        self._in_fit = True
        self._global_train_batch = 0
        # Open the train run now so its folder exists even if no epoch completes.
        self._writer("train")

    def on_train_end(self, logs=None):
        self._in_fit = False
        self._close_writers()

    def on_test_end(self, logs=None):
        if logs:
            self._write_scalars("validation", "evaluation_",
                                {f"{name}_vs_iterations": value for name, value in logs.items()},
                                self._optimizer_iterations())
        if not self._in_fit:
            self._close_writers()

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch_start_time = time.time()
        self._epoch_batches = 0

    def on_train_batch_end(self, batch, logs=None):
        self._global_train_batch += 1
        self._epoch_batches += 1
        if self.update_freq == "epoch" or self._global_train_batch % self.update_freq:
            return
        batch_logs = dict(logs or {})
        if self.write_steps_per_second and self._epoch_start_time is not None:
            elapsed = max(time.time() - self._epoch_start_time, 1e-9)
            batch_logs["steps_per_second"] = self._epoch_batches / elapsed
        self._write_scalars("train", "batch_", batch_logs, self._global_train_batch)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        train_logs = {name: value for name, value in logs.items() if not name.startswith("val_")}
        val_logs = {name[4:]: value for name, value in logs.items() if name.startswith("val_")}
        if "learning_rate" not in train_logs:
            rate = self._learning_rate()
            if rate is not None:
                train_logs["learning_rate"] = rate
        if self.write_steps_per_second and self._epoch_start_time is not None:
            elapsed = max(time.time() - self._epoch_start_time, 1e-9)
            train_logs["steps_per_second"] = self._epoch_batches / elapsed
        self._write_scalars("train", "epoch_", train_logs, epoch)
        if val_logs:
            self._write_scalars("validation", "epoch_", val_logs, epoch)
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._log_weights(epoch)

    def _log_weights(self, epoch):
        from cornu import backend

        summary = _summary()
        with self._writer("train").as_default(step=epoch):
            for layer in getattr(self.model, "layers", []):
                for weight in getattr(layer, "weights", []):
                    tag = (getattr(weight, "path", None) or
                           f"{layer.name}/{weight.name}").replace(":", "_")
                    array = np.asarray(backend.convert_to_numpy(weight))
                    summary.histogram(tag + "/histogram", array)
                    if self.write_images:
                        picture = _weight_as_image(array)
                        if picture is not None:
                            summary.image(tag + "/image", picture)
