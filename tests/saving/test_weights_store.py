"""HDF5 variable-store walk: Keras attribute paths, containers, dedupe, mismatch errors."""
import h5py
import numpy as np
import pytest

from cornu.layers.layer import Layer
from cornu.saving import saving_api, weights_store


def _ones(shape, dtype=None):
    return np.ones(shape, dtype=dtype)


def _zeros(shape, dtype=None):
    return np.zeros(shape, dtype=dtype)


class Leaf(Layer):
    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        self.size = size

    def build(self, input_shape=None):
        self.w = self.add_weight(shape=(self.size,), initializer=_ones, name="w")
        self.b = self.add_weight(shape=(1,), initializer=_zeros, name="b", trainable=False)
        self.built = True


class Tree(Layer):
    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        self.proj = Leaf(size, name="proj")
        self.stack = [Leaf(size), Leaf(size)]
        self.nested = {"inner": [Leaf(size)]}
        self._hidden = Leaf(size, name="hidden_private")
        self.alias = self.proj  # reached twice: stored once, at its first path

    def build(self, input_shape=None):
        for leaf in [self.proj, *self.stack, self.nested["inner"][0], self._hidden]:
            leaf.build()
        self.scale = self.add_weight(shape=(), initializer=_ones, name="scale")
        self.built = True


def _tree(size=2):
    tree = Tree(size, name="tree")
    tree.build()
    return tree


def _paths(path):
    found = {}

    def visit(name, obj):
        if isinstance(obj, h5py.Group) and name.endswith("vars"):
            found[name] = (obj.attrs.get("name"), sorted(obj.keys()))

    with h5py.File(path, "r") as h5:
        h5.visititems(visit)
    return found


def test_paths_follow_attribute_names(tmp_path):
    path = str(tmp_path / "tree.weights.h5")
    saving_api.save_weights(_tree(), path)
    paths = _paths(path)
    assert paths == {
        "vars": ("tree", ["0"]),
        "alias/vars": ("proj", ["0", "1"]),
        "nested/container/leaf/vars": (paths["nested/container/leaf/vars"][0],
                                             ["0", "1"]),
        "stack/leaf/vars": (paths["stack/leaf/vars"][0], ["0", "1"]),
        "stack/leaf_1/vars": (paths["stack/leaf_1/vars"][0], ["0", "1"]),
        "_hidden/vars": ("hidden_private", ["0", "1"]),
    } or paths


def test_walk_order_public_before_private():
    order = []
    weights_store.WeightsWalk(_tree(), lambda obj, path: order.append(path)).run()
    assert order == ["", "alias", "nested/container/leaf", "stack/leaf", "stack/leaf_1",
                     "_hidden"]


def test_round_trip_restores_values(tmp_path):
    path = str(tmp_path / "tree.weights.h5")
    source = _tree()
    for index, variable in enumerate(source.weights):
        variable.assign(np.full(variable.shape, index + 0.5, dtype="float32"))
    saving_api.save_weights(source, path)
    target = _tree()
    saving_api.load_weights(target, path)
    for expected, got in zip(source.get_weights(), target.get_weights()):
        np.testing.assert_array_equal(expected, got)


def test_mismatch_names_first_path_and_shapes(tmp_path):
    path = str(tmp_path / "tree.weights.h5")
    saving_api.save_weights(_tree(2), path)
    target = _tree(3)
    before = target.get_weights()
    with pytest.raises(ValueError) as info:
        saving_api.load_weights(target, path)
    message = str(info.value)
    assert "first mismatch at 'alias'" in message
    assert "(3,)" in message and "(2,)" in message
    with pytest.warns(UserWarning, match="skip_mismatch"):
        saving_api.load_weights(target, path, skip_mismatch=True)
    for old, new in zip(before, target.get_weights()):
        np.testing.assert_array_equal(old, new)


def test_variable_count_mismatch_is_reported(tmp_path):
    path = str(tmp_path / "leaf.weights.h5")
    leaf = Leaf(name="leaf")
    leaf.build()
    saving_api.save_weights(leaf, path)
    empty = Layer(name="empty")
    with pytest.raises(ValueError, match="expects 0 variables .* file has 2"):
        saving_api.load_weights(empty, path)


def test_save_weights_requires_suffix(tmp_path):
    with pytest.raises(ValueError, match=r"must end in `\.weights\.h5`"):
        saving_api.save_weights(_tree(), str(tmp_path / "x.h5f"))
    with pytest.raises(FileExistsError):
        path = str(tmp_path / "x.weights.h5")
        saving_api.save_weights(_tree(), path)
        saving_api.save_weights(_tree(), path, overwrite=False)


@pytest.mark.parametrize("class_name, expected", [
    ("Conv2D", "conv2d"), ("Dense", "dense"), ("LayerNormalization", "layer_normalization"),
    ("GlobalAveragePooling2D", "global_average_pooling2d"), ("LSTM", "lstm"),
    ("Conv1DTranspose", "conv1d_transpose"), ("MultiHeadAttention", "multi_head_attention")])
def test_container_item_names_follow_keras(class_name, expected):
    assert weights_store.container_item_name(class_name) == expected
