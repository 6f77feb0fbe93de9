import numpy as np
import pytest

import cornu
from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test


def test_embedding_lookup_and_grad():
    ids = np.array([[1, 2, 0], [3, 3, 1]], "int32")
    run_layer_test(layers.Embedding, {"input_dim": 5, "output_dim": 4}, input_data=ids,
                   reference_fn=lambda layer, data: layer.get_weights()[0][data],
                   expected_output_shape=(2, 3, 4), expected_num_trainable_weights=1)
    layer = layers.Embedding(5, 4)
    layer(ids)
    table = layer.get_weights()[0]
    assert np.abs(table).max() <= 0.05 and layer.weights[0].name == "embeddings"


def test_embedding_mask_zero():
    layer = layers.Embedding(5, 2, mask_zero=True)
    ids = np.array([[1, 0, 2]], "int32")
    mask = ops.convert_to_numpy(layer.compute_mask(ops.convert_to_tensor(ids)))
    np.testing.assert_array_equal(mask, [[True, False, True]])
    assert layers.Embedding(5, 2).compute_mask(ops.convert_to_tensor(ids)) is None
    out = layer(cornu.Input(shape=(3,), dtype="int32"))
    assert tuple(out.shape) == (None, 3, 2)


def test_embedding_float_ids_weights_and_config():
    matrix = np.arange(6, dtype="float32").reshape(3, 2)
    layer = layers.Embedding(3, 2, weights=matrix)
    out = ops.convert_to_numpy(layer(np.array([[2.0, 0.0]], "float32")))
    np.testing.assert_array_equal(out, matrix[[[2, 0]]])
    config = layer.get_config()
    assert [k for k in config if k not in ("name", "trainable", "dtype")] == [
        "input_dim", "output_dim", "embeddings_initializer", "embeddings_regularizer",
        "activity_regularizer", "embeddings_constraint", "mask_zero", "quantization_config"]
    assert config["embeddings_initializer"]["class_name"] == "RandomUniform"
    with pytest.raises(ValueError, match="input_dim"):
        layers.Embedding(0, 3)
