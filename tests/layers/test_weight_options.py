"""Bulk resolution and serialization of per-weight initializer/regularizer/constraint."""
import types

from cornu import initializers, regularizers
from cornu.layers.weight_options import set_weight_options, weight_options_config


def test_round_trip_in_keras_order():
    holder = types.SimpleNamespace()
    set_weight_options(
        holder, ("kernel", "bias"), kernel_initializer="ones", bias_initializer="zeros",
        kernel_regularizer="l2", bias_regularizer=None, kernel_constraint="non_neg",
        bias_constraint=None)
    assert isinstance(holder.kernel_initializer, initializers.Ones)
    assert isinstance(holder.kernel_regularizer, regularizers.L2)
    assert holder.bias_regularizer is None
    config = weight_options_config(holder, ("kernel", "bias"))
    assert list(config) == ["kernel_initializer", "bias_initializer", "kernel_regularizer",
                            "bias_regularizer", "kernel_constraint", "bias_constraint"]
    assert config["kernel_initializer"]["class_name"] == "Ones"
    assert config["kernel_constraint"]["class_name"] == "NonNeg"
    assert list(weight_options_config(holder, ("bias",), ("constraint",))) == [
        "bias_constraint"]
