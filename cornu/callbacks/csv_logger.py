"""`CSVLogger`: write one CSV row of logs per epoch."""
import csv
import io
import os

import numpy as np

from cornu.callbacks.callback import Callback
from cornu.saving.atomic import atomic_write_path as atomic_output_path


def _cell(value):
    if isinstance(value, str):
        return value
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return value


class CSVLogger(Callback):
    """Stream epoch results to a CSV file (`epoch` first, then the sorted log keys).

    The file is rewritten atomically after every epoch, so it is never seen
    half-written. Keys that appear only in later epochs (e.g. with
    `validation_freq`) become columns, with `NA` for the epochs that lack them.

    Args:
        filename: path of the CSV file.
        separator: the field delimiter.
        append: keep an existing file's content and add rows after it.

    Example:

        model.fit(x, y, epochs=5, callbacks=[CSVLogger("training.csv")])
    """

    def __init__(self, filename, separator=",", append=False):
        super().__init__()
        self.filename = os.fspath(filename)
        self.sep = separator
        self.append = append
        self.keys = None
        self._prefix = ""
        self._rows = []
        self._owns_header = True

    def on_train_begin(self, logs=None):
        self.keys = None
        self._rows = []
        self._prefix = ""
        self._owns_header = True
        if self.append and os.path.exists(self.filename):
            with open(self.filename, encoding="utf-8", newline="") as stream:
                self._prefix = stream.read()
            if self._prefix and not self._prefix.endswith("\n"):
                self._prefix += "\n"
            self._owns_header = not self._prefix.strip()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs)
        elif self._owns_header:
            self.keys = sorted(set(self.keys) | set(logs))
        self._rows.append((epoch, {key: _cell(value) for key, value in logs.items()}))
        folder = os.path.dirname(self.filename)
        if folder:
            os.makedirs(folder, exist_ok=True)
        # A full rewrite per epoch keeps the file whole even if training is killed mid-write.
        with atomic_output_path(self.filename) as temp_path:
            with open(temp_path, "w", encoding="utf-8", newline="") as stream:
                stream.write(self._prefix + self._render())

    def _render(self):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=self.sep, lineterminator="\n")
        if self._owns_header:
            writer.writerow(["epoch"] + self.keys)
        for epoch, values in self._rows:
            writer.writerow([epoch] + [values.get(key, "NA") for key in self.keys])
        return buffer.getvalue()

    def on_train_end(self, logs=None):
        self._rows = []
