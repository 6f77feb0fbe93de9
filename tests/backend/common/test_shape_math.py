"""Engine-neutral shape arithmetic shared by both engines' numpy modules."""
import numpy as np
import pytest

from cornu.backend.common import shape_math


def test_standardize_reshape_accepts_int_none_and_minus_one():
    assert shape_math.standardize_reshape((2, 3), 6) == (6,)
    assert shape_math.standardize_reshape((2, 3), (None, 2)) == (-1, 2)
    assert shape_math.standardize_reshape((2, 3), [3, -1]) == (3, -1)


def test_standardize_reshape_rejects_wrong_element_count():
    with pytest.raises(ValueError, match=r"shape \(2, 3\) \(6 elements\) into shape \(4,\)"):
        shape_math.standardize_reshape((2, 3), (4,))
    with pytest.raises(ValueError, match="cannot reshape"):
        shape_math.standardize_reshape((2, 3), (-1, -1))


def test_pad_widths_broadcasts_numpy_forms():
    assert shape_math.pad_widths(1, 2).tolist() == [[1, 1], [1, 1]]
    assert shape_math.pad_widths((1, 2), 2).tolist() == [[1, 2], [1, 2]]
    np.testing.assert_array_equal(shape_math.pad_widths([[0, 1], [2, 3]], 2), [[0, 1], [2, 3]])


def test_check_pad_mode_messages():
    shape_math.check_pad_mode("reflect", None)
    with pytest.raises(ValueError, match="only valid with mode='constant'"):
        shape_math.check_pad_mode("edge", 3)
    with pytest.raises(ValueError, match="received 'circular'"):
        shape_math.check_pad_mode("circular", None)


def test_check_join_and_split_and_squeeze():
    a, b = np.zeros((2, 3)), np.zeros((2, 4))
    shape_math.check_join("concatenate", [a, b], 1, skip_axis=True)
    with pytest.raises(ValueError, match=r"`stack`: all inputs must have the same shape, "
                                         r"received shapes \[\(2, 3\), \(2, 4\)\]"):
        shape_math.check_join("stack", [a, b], 0, skip_axis=False)
    with pytest.raises(ValueError, match="axis 0 of size 5 cannot be divided into 2"):
        shape_math.check_equal_split((5, 1), 2, 0)
    with pytest.raises(ValueError, match="Cannot squeeze axis 0"):
        shape_math.check_squeezable((2, 1), (0,))


def test_standardize_shape_and_matmul_shapes():
    assert shape_math.standardize_shape(3) == (3,)
    assert shape_math.standardize_shape([np.int64(2), 4]) == (2, 4)
    shape_math.check_matmul_shapes(np.zeros((2, 3)), np.zeros((3,)))
    with pytest.raises(ValueError, match=r"incompatible shapes \(2, 3\) and \(4, 1\)"):
        shape_math.check_matmul_shapes(np.zeros((2, 3)), np.zeros((4, 1)))
    with pytest.raises(ValueError, match="does not accept scalars"):
        shape_math.check_matmul_shapes(np.zeros(()), np.zeros((3,)))
