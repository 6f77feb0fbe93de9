"""`timeseries_dataset_from_array`: sliding windows over a series, as a `PyDataset`."""
import math

import numpy as np

from cornu.trainers.data_adapters.py_dataset import PyDataset


class TimeseriesDataset(PyDataset):
    """Batches of windows `data[start + k * sampling_rate]`, k < sequence_length.

    Example:
        >>> dataset = timeseries_dataset_from_array(np.arange(10), None, 3, batch_size=4)
        >>> dataset[0].shape
        (4, 3)
    """

    def __init__(self, data, targets, window_starts, sequence_length, sampling_rate,
                 batch_size, target_offset=0, **kwargs):
        super().__init__(**kwargs)
        self.target_offset = target_offset
        self.data = data
        self.targets = targets
        self.window_starts = window_starts
        self.batch_size = batch_size
        self._offsets = np.arange(sequence_length) * sampling_rate

    def __len__(self):
        if self.batch_size is None:
            return len(self.window_starts)
        return math.ceil(len(self.window_starts) / self.batch_size)

    def __getitem__(self, index):
        count = len(self)
        if not -count <= index < count:
            raise IndexError(f"Batch index {index} out of range for {count} batches.")
        index %= count
        size = self.batch_size or 1
        rows = self.window_starts[index * size:(index + 1) * size]
        windows = self.data[rows[:, None] + self._offsets[None, :]]
        targets = None if self.targets is None else self.targets[rows - self.target_offset]
        if self.batch_size is None:
            windows = windows[0]
            targets = None if targets is None else targets[0]
        return windows if targets is None else (windows, targets)


def timeseries_dataset_from_array(data, targets, sequence_length, sequence_stride=1,
                                  sampling_rate=1, batch_size=128, shuffle=False, seed=None,
                                  start_index=None, end_index=None):
    """Build batches of sliding windows (and their targets) over a time series.

    Args:
        data: array with time on axis 0.
        targets: array where `targets[i]` belongs to the window starting at `data`
            index `start_index + i`; or None.
        sequence_length: timesteps per window.
        sequence_stride: step between consecutive window starts.
        sampling_rate: step between timesteps inside a window.
        batch_size: windows per batch (None: single windows).
        shuffle: shuffle the windows once, with `seed`.
        seed: shuffling seed.
        start_index, end_index: only use `data[start_index:end_index]`.

    Returns:
        A `PyDataset` yielding `windows` or `(windows, targets)`.

    Example:
        >>> ds = timeseries_dataset_from_array(series[:-3], series[3:], sequence_length=3)
    """
    data = np.asarray(data)
    for label, value in (("sequence_length", sequence_length),
                         ("sequence_stride", sequence_stride),
                         ("sampling_rate", sampling_rate)):
        if not isinstance(value, (int, np.integer)) or value <= 0:
            raise ValueError(f"`{label}` must be a positive integer; received {value!r}.")
    start_index = 0 if start_index is None else int(start_index)
    end_index = len(data) if end_index is None else int(end_index)
    if not 0 <= start_index < len(data):
        raise ValueError(f"`start_index` must be in [0, {len(data)}); received {start_index}.")
    if not start_index < end_index <= len(data):
        raise ValueError(f"`end_index` must be in ({start_index}, {len(data)}]; received "
                         f"{end_index}.")
    count = end_index - start_index - (sequence_length - 1) * sampling_rate
    if targets is not None:
        targets = np.asarray(targets)
        count = min(count, len(targets))
    if count <= 0:
        raise ValueError(
            f"No window of sequence_length={sequence_length} and sampling_rate="
            f"{sampling_rate} fits in the {end_index - start_index} timesteps given.")
    starts = np.arange(0, count, sequence_stride) + start_index
    if shuffle:
        seed = np.random.randint(0, 2 ** 31 - 1) if seed is None else seed
        starts = np.random.RandomState(seed).permutation(starts)
    return TimeseriesDataset(data, targets, starts, sequence_length, sampling_rate, batch_size,
                             target_offset=start_index)
