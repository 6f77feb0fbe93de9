import numpy as np
import pytest

from cornu.utils import timeseries_dataset_from_array


def test_windows_and_targets_match_reference():
    data = np.arange(20)
    dataset = timeseries_dataset_from_array(data[:-3], data[3:], sequence_length=3,
                                            sequence_stride=2, sampling_rate=1, batch_size=4)
    windows, targets = zip(*[dataset[i] for i in range(len(dataset))])
    windows, targets = np.concatenate(windows), np.concatenate(targets)
    starts = np.arange(0, 15, 2)
    np.testing.assert_array_equal(windows, np.stack([data[s:s + 3] for s in starts]))
    np.testing.assert_array_equal(targets, data[starts + 3])


def test_sampling_rate_start_index_and_shuffle():
    data = np.arange(30)
    dataset = timeseries_dataset_from_array(data, None, sequence_length=3, sampling_rate=2,
                                            start_index=5, end_index=20, batch_size=None)
    assert dataset[0].tolist() == [5, 7, 9]
    assert dataset[len(dataset) - 1].tolist() == [15, 17, 19]
    shuffled = timeseries_dataset_from_array(data, data, 4, batch_size=100, shuffle=True, seed=1)
    windows, targets = shuffled[0]
    np.testing.assert_array_equal(windows[:, 0], targets)
    assert not np.array_equal(windows[:, 0], np.sort(windows[:, 0]))


def test_errors():
    with pytest.raises(ValueError, match="sequence_length"):
        timeseries_dataset_from_array(np.arange(5), None, 0)
    with pytest.raises(ValueError, match="No window"):
        timeseries_dataset_from_array(np.arange(5), None, 10)
