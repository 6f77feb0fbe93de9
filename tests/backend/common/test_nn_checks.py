"""Engine-neutral argument checks shared by both engines' nn modules."""
import numpy as np
import pytest

from cornu.backend.common import nn_checks


def test_normalize_tuple_and_padding():
    assert nn_checks.normalize_tuple(2, 3, "strides") == (2, 2, 2)
    assert nn_checks.normalize_tuple([1, np.int64(2)], 2, "strides") == (1, 2)
    with pytest.raises(ValueError, match=r"`strides` must be an int or a tuple of 2 ints"):
        nn_checks.normalize_tuple((1, 2, 3), 2, "strides")
    assert nn_checks.check_padding("SAME") == "same"
    with pytest.raises(ValueError, match="'valid' or 'same', received 'full'"):
        nn_checks.check_padding("full")


def test_conv_checks():
    inputs, kernel = np.zeros((1, 5, 6)), np.zeros((3, 3, 4))
    nn_checks.check_conv_inputs("conv", inputs, kernel)
    assert nn_checks.check_conv_groups(6, kernel) == 2
    with pytest.raises(ValueError, match=r"input channels \(5\) must be a multiple"):
        nn_checks.check_conv_groups(5, kernel)
    with pytest.raises(ValueError, match="expects inputs of rank 3, 4 or 5"):
        nn_checks.check_conv_inputs("conv", np.zeros((5, 6)), kernel)
    with pytest.raises(ValueError, match="kernel rank must equal the input rank 3"):
        nn_checks.check_conv_inputs("conv_transpose", inputs, np.zeros((3, 4)))


def test_pool_window_defaults_strides_to_pool_size():
    assert nn_checks.pool_window(np.zeros((1, 4, 4, 2)), 2, None) == ((2, 2), (2, 2))
    assert nn_checks.pool_window(np.zeros((1, 4, 2)), 3, 1) == ((3,), (1,))
    with pytest.raises(ValueError, match="Pooling expects inputs of rank 3, 4 or 5"):
        nn_checks.pool_window(np.zeros((4, 2)), 2, None)


def test_loss_attention_and_psnr_checks():
    with pytest.raises(ValueError, match=r"`bce`: target and output must have the same shape"):
        nn_checks.check_same_shape("bce", np.zeros((2,)), np.zeros((3,)))
    with pytest.raises(ValueError, match=r"received target \(3,\) and output \(2, 4\)"):
        nn_checks.check_sparse_target(np.zeros((3,)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match=r"4D \(batch, length, heads, dim\)"):
        nn_checks.check_attention_query(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="`psnr`: shapes must match"):
        nn_checks.check_psnr_shapes(np.zeros((2,)), np.zeros((3,)))
