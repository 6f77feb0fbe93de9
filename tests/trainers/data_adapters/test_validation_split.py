import numpy as np
import pandas as pd
import pytest

from cornu.trainers.data_adapters import train_validation_split


def test_last_fraction_becomes_validation():
    x, y = np.arange(10), np.arange(10) * 2
    (x_train, y_train, w_train), (x_val, y_val, w_val) = train_validation_split(
        (x, y, None), validation_split=0.2)
    assert x_train.tolist() == list(range(8)) and x_val.tolist() == [8, 9]
    assert y_val.tolist() == [16, 18] and w_train is None and w_val is None


def test_nested_and_pandas():
    x = {"a": np.arange(5), "b": pd.DataFrame({"c": range(5)})}
    train, val = train_validation_split((x, pd.Series(range(5))), 0.4)
    assert train[0]["a"].tolist() == [0, 1, 2]
    assert val[0]["b"]["c"].tolist() == [3, 4] and val[1].tolist() == [3, 4]


def test_errors():
    with pytest.raises(ValueError, match="between 0 and 1"):
        train_validation_split((np.arange(4),), 1.5)
    with pytest.raises(ValueError, match="not enough to split"):
        train_validation_split((np.arange(1),), 0.5)
    with pytest.raises(ValueError, match="only supported for tensors.*generator"):
        train_validation_split((iter([1, 2]), None), 0.5)
    with pytest.raises(ValueError, match="same number of samples"):
        train_validation_split((np.arange(4), np.arange(5)), 0.5)
