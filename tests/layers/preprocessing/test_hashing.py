"""Hashing: bucket ids match Keras (FarmHash Fingerprint64 / SipHash-2-4), both engines."""
import numpy as np
import pytest

import cornu
from cornu import layers, ops
from cornu.layers.preprocessing._string_hash import fingerprint64, siphash24


def _bins(layer, values):
    return ops.convert_to_numpy(layer(values)).ravel().tolist()


def test_unsalted_hash_matches_keras_and_tensorflow_examples():
    # Values documented for keras.layers.Hashing and tf.strings.to_hash_bucket_fast.
    assert _bins(layers.Hashing(num_bins=3), np.array([["A"], ["B"], ["C"], ["D"], ["E"]])) \
        == [1, 0, 1, 1, 2]
    assert [fingerprint64(s.encode()) % 3 for s in ("Hello", "TensorFlow", "2.x")] == [0, 2, 2]


def test_mask_value_and_salt_match_keras_examples():
    masked = layers.Hashing(num_bins=3, mask_value="")
    assert _bins(masked, [["A"], ["B"], [""], ["C"], ["D"]]) == [1, 1, 0, 2, 2]
    salted = layers.Hashing(num_bins=3, salt=[133, 137])
    assert _bins(salted, [["A"], ["B"], ["C"], ["D"], ["E"]]) == [1, 2, 1, 0, 2]
    assert _bins(layers.Hashing(num_bins=3, salt=133), [["A"], ["B"], ["C"], ["D"], ["E"]]) \
        == [0, 0, 2, 1, 0]


def test_siphash_reference_vectors():
    key0 = int.from_bytes(bytes(range(8)), "little")
    key1 = int.from_bytes(bytes(range(8, 16)), "little")
    assert siphash24(b"", key0, key1) == 0x726FDB47DD0E0E31
    assert siphash24(bytes(range(15)), key0, key1) == 0xA129CA6149BE45E5


def test_integers_hash_like_their_decimal_strings_and_long_strings_are_stable():
    layer = layers.Hashing(num_bins=7)
    assert _bins(layer, np.array([[12], [345]])) == _bins(layer, np.array([["12"], ["345"]]))
    long_text = "x" * 40 + "y" * 50
    assert _bins(layer, [[long_text]]) == _bins(layer, [[long_text]])
    assert fingerprint64(long_text.encode()) != fingerprint64(long_text[:-1].encode())


def test_output_modes_shapes_and_config():
    layer = layers.Hashing(num_bins=4, output_mode="one_hot")
    out = ops.convert_to_numpy(layer([["a"], ["b"]]))
    assert out.shape == (2, 4) and np.all(out.sum(1) == 1)
    symbolic = layers.Hashing(num_bins=4)(cornu.Input((2,), dtype="int32"))
    assert symbolic.shape == (None, 2)
    config = layers.Hashing(num_bins=4, salt=5, mask_value="").get_config()
    assert config["salt"] == [5, 5] and config["mask_value"] == ""


def test_errors():
    with pytest.raises(ValueError, match="num_bins"):
        layers.Hashing(num_bins=0)
    with pytest.raises(ValueError, match="salt"):
        layers.Hashing(num_bins=2, salt="pepper")
    with pytest.raises(ValueError, match="strings or integers"):
        layers.Hashing(num_bins=2)(np.ones((2, 1), "float32"))
