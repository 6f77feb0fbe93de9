import numpy as np
import pytest

from cornu.utils import pad_sequences


def test_pre_padding_and_truncation_defaults():
    result = pad_sequences([[1, 2, 3], [4], [5, 6]], maxlen=2)
    np.testing.assert_array_equal(result, [[2, 3], [0, 4], [5, 6]])
    assert result.dtype == np.int32


def test_post_padding_and_post_truncation_and_value():
    result = pad_sequences([[1, 2, 3], [4]], maxlen=2, padding="post", truncating="post",
                           value=-1)
    np.testing.assert_array_equal(result, [[1, 2], [4, -1]])


def test_default_maxlen_is_longest_and_vector_items():
    assert pad_sequences([[1], [1, 2, 3], []]).shape == (3, 3)
    result = pad_sequences([np.ones((2, 2)), np.ones((1, 2))], dtype="float32")
    assert result.shape == (2, 2, 2) and result[1, 0].tolist() == [0.0, 0.0]


def test_errors():
    with pytest.raises(ValueError, match="`padding` must be"):
        pad_sequences([[1]], padding="middle")
    with pytest.raises(ValueError, match="item 1 is a int"):
        pad_sequences([[1], 2])
