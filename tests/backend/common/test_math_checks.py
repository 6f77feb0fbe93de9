"""Argument checks shared by both engines' math, linalg, indexing and image ops."""
import numpy as np
import pytest

from cornu.backend.common import image_checks, math_checks


def test_math_checks():
    math_checks.check_segment_ids(np.zeros((3,)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"segment_ids of shape \(2,\) for data of shape"):
        math_checks.check_segment_ids(np.zeros((2,)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"`top_k`: k=4 is larger than the last axis \(3\)"):
        math_checks.check_top_k(np.zeros((2, 3)), 4)
    with pytest.raises(ValueError, match=r"`inv` expects square matrices"):
        math_checks.check_square_matrices("inv", np.zeros((2, 3)))
    with pytest.raises(ValueError, match="'reduced' or 'complete', received 'r'"):
        math_checks.check_qr_mode("r")
    with pytest.raises(ValueError, match="'left' or 'right', received 'up'"):
        math_checks.check_searchsorted_side("up")
    with pytest.raises(ValueError, match="expects a 1D `sorted_sequence`"):
        math_checks.check_sorted_sequence(np.zeros((2, 2)))


def test_image_checks():
    image_checks.check_resize_arguments("bilinear", {"bilinear": "linear"}, (4, 4))
    with pytest.raises(ValueError, match=r"interpolation must be one of \['bilinear'\]"):
        image_checks.check_resize_arguments("area", {"bilinear": "linear"}, (4, 4))
    with pytest.raises(ValueError, match=r"size must be \(height, width\)"):
        image_checks.check_resize_arguments("bilinear", {"bilinear": "linear"}, (4,))
    assert image_checks.check_image_rank("resize", np.zeros((4, 4, 3))) is True
    assert image_checks.check_image_rank("resize", np.zeros((1, 4, 4, 3))) is False
    with pytest.raises(ValueError, match="3D image or a 4D batch"):
        image_checks.check_image_rank("resize", np.zeros((4, 3)))
    assert image_checks.rgb_channel_axis(np.zeros((2, 2, 3)), "channels_last") == -1
    assert image_checks.rgb_channel_axis(np.zeros((3, 2, 2)), "channels_first") == -3
    with pytest.raises(ValueError, match="expects 3 channels on axis -1"):
        image_checks.rgb_channel_axis(np.zeros((2, 2, 4)), "channels_last")
