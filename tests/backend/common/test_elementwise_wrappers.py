"""Factories that wrap engine kernels with cornu's conversion and error messages."""
import numpy as np
import pytest

from cornu.backend.common import elementwise_wrappers as wrappers


def test_binary_op_maps_engine_broadcast_failures():
    def add(x1, x2):
        return np.add(x1, x2)

    wrapped = wrappers.binary_op(add, lambda a, b: (np.asarray(a), np.asarray(b)), ValueError,
                                 "broadcast")
    assert wrapped.__name__ == "add"
    np.testing.assert_array_equal(wrapped([1, 2], [3, 4]), [4, 6])
    with pytest.raises(ValueError, match=r"`add`: operands could not be broadcast together, "
                                         r"received shapes \(2,\) and \(3,\)"):
        wrapped([1, 2], [1, 2, 3])


def test_binary_op_reraises_other_errors():
    def fail(x1, x2):
        raise ValueError("something else")

    wrapped = wrappers.binary_op(fail, lambda a, b: (np.asarray(a), np.asarray(b)), ValueError,
                                 "broadcast")
    with pytest.raises(ValueError, match="something else"):
        wrapped([1], [1, 2])


def test_unary_op_and_where_select_checks():
    wrapped = wrappers.unary_op(np.sqrt, lambda x: np.asarray(x, dtype="float32"))
    assert wrapped.__name__ == "sqrt"
    np.testing.assert_allclose(wrapped([4, 9]), [2.0, 3.0])
    assert wrappers.check_where_operands(None, None) is True
    assert wrappers.check_where_operands(1, 2) is False
    with pytest.raises(ValueError, match="needs both `x1` and `x2`, or neither"):
        wrappers.check_where_operands(1, None)
    with pytest.raises(ValueError, match="same length, received 1 and 2"):
        wrappers.check_select_lengths([True], [1, 2])
