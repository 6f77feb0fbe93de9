"""Mixed precision: layers compute in the policy's compute dtype, weights stay float32."""
import numpy as np
import pytest

import cornu
from cornu import backend, dtype_policies, layers, ops

X = np.random.default_rng(0).normal(size=(4, 8)).astype("float32")


def dtype_of(x):
    return backend.standardize_dtype(x.dtype)


class ReadsWeight(layers.Layer):
    """Records the dtype its weight has when read inside `call`."""

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones")
        self.frozen = self.add_weight(shape=(input_shape[-1],), initializer="ones",
                                      autocast=False)

    def call(self, x):
        self.seen = (dtype_of(self.w.value), dtype_of(self.frozen.value))
        return x * self.w


class Wrapper(layers.Layer):
    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner

    def call(self, x):
        return self.inner(x)


@pytest.mark.parametrize("policy, compute", [("mixed_bfloat16", "bfloat16"),
                                             ("mixed_float16", "float16")])
def test_dense_computes_in_the_compute_dtype_with_float32_weights(policy, compute):
    dense = layers.Dense(3, bias_initializer="random_normal", dtype=policy)
    output = dense(X)
    assert dtype_of(output) == compute
    assert dense.kernel.dtype == "float32" and dtype_of(dense.kernel.value) == "float32"
    kernel, bias = (ops.convert_to_numpy(w).astype("float32") for w in dense.weights)
    expected = X @ kernel + bias
    np.testing.assert_allclose(ops.convert_to_numpy(ops.cast(output, "float32")), expected,
                               rtol=0.05, atol=0.05)


def test_weights_are_cast_only_inside_the_layer_call():
    layer = ReadsWeight(dtype="mixed_bfloat16")
    assert dtype_of(layer(X)) == "bfloat16"
    assert layer.seen == ("bfloat16", "float32")  # autocast=False keeps the stored dtype
    assert dtype_of(layer.w.value) == "float32"
    layer.w.assign_add(np.ones((8,), "float32"))  # updates keep full precision
    assert dtype_of(layer.w.value) == "float32"
    np.testing.assert_array_equal(ops.convert_to_numpy(layer.w), np.full((8,), 2.0))


def test_a_float32_layer_inside_a_mixed_layer_reads_float32_weights():
    inner = ReadsWeight(dtype="float32")
    outer = Wrapper(inner, dtype="mixed_bfloat16")
    output = outer(X)
    assert inner.seen == ("float32", "float32")
    assert dtype_of(output) == "float32"


def test_functional_model_output_dtypes_follow_each_layer():
    inputs = cornu.Input((8,))
    hidden = layers.Dense(4, dtype="mixed_bfloat16")(inputs)
    head = layers.Dense(2, dtype="float32")(hidden)
    assert (hidden.dtype, head.dtype) == ("bfloat16", "float32")
    model = cornu.Model(inputs, [hidden, head])
    assert [dtype_of(t) for t in model(X)] == ["bfloat16", "float32"]


def test_fit_under_a_global_mixed_policy_trains_float32_weights():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(256, 8)).astype("float32")
    y = (x[:, :4].sum(axis=1) > 0).astype("int32")
    dtype_policies.set_dtype_policy("mixed_bfloat16")
    try:
        model = cornu.Sequential([cornu.Input((8,)), layers.Dense(16, activation="relu"),
                                  layers.BatchNormalization(),
                                  layers.Dense(2, dtype="float32")])
        model.compile(optimizer=cornu.optimizers.Adam(0.01),
                      loss=cornu.losses.SparseCategoricalCrossentropy(from_logits=True))
        history = model.fit(x, y, epochs=5, batch_size=32, verbose=0)
    finally:
        dtype_policies.set_dtype_policy(None)
    losses = history.history["loss"]
    assert losses[-1] < 0.7 * losses[0], losses
    assert all(v.dtype == "float32" for v in model.weights)
    assert dtype_of(model.layers[0](x[:2])) == "bfloat16"


def test_mixed_float16_compile_wraps_the_optimizer_for_loss_scaling():
    model = cornu.Sequential([cornu.Input((8,)), layers.Dense(2)], dtype="mixed_float16")
    model.compile(optimizer="sgd", loss="mse")
    assert isinstance(model.optimizer, cornu.optimizers.LossScaleOptimizer)
    assert isinstance(model.optimizer.inner_optimizer, cornu.optimizers.SGD)
    wrapped = cornu.optimizers.LossScaleOptimizer(cornu.optimizers.SGD())
    model.compile(optimizer=wrapped, loss="mse")
    assert model.optimizer is wrapped
    model.compile(optimizer="sgd", loss="mse", auto_scale_loss=False)
    assert isinstance(model.optimizer, cornu.optimizers.SGD)
    bf16 = cornu.Sequential([cornu.Input((8,)), layers.Dense(2)], dtype="mixed_bfloat16")
    bf16.compile(optimizer="sgd", loss="mse")
    assert isinstance(bf16.optimizer, cornu.optimizers.SGD)


def test_fit_under_mixed_float16_scales_the_loss_and_trains():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(128, 8)).astype("float32")
    y = x[:, :2] * 0.5
    model = cornu.Sequential([cornu.Input((8,)), layers.Dense(16, activation="relu"),
                              layers.Dense(2, dtype="float32")], dtype="mixed_float16")
    model.compile(optimizer=cornu.optimizers.Adam(0.01), loss="mse")
    history = model.fit(x, y, epochs=5, batch_size=32, verbose=0)
    losses = history.history["loss"]
    assert losses[-1] < 0.5 * losses[0], losses
    optimizer = model.optimizer
    assert float(ops.convert_to_numpy(optimizer.dynamic_scale)) == 2.0 ** 15
    assert int(ops.convert_to_numpy(optimizer.step_counter)) == 20
    assert int(ops.convert_to_numpy(optimizer.iterations)) == 20
    assert all(v.dtype == "float32" for v in model.weights)


def test_a_mixed_model_does_not_round_its_inputs_and_keeps_its_policy_in_config():
    x = np.array([[1.0 + 2.0 ** -12]], "float32")  # not representable in float16
    for model in (cornu.Sequential([cornu.Input((1,)), layers.Identity()], dtype="mixed_float16"),
                  cornu.Model(*(lambda i: (i, layers.Identity()(i)))(cornu.Input((1,))),
                              dtype="mixed_float16")):
        np.testing.assert_array_equal(ops.convert_to_numpy(model(x)), x)
    sequential = cornu.Sequential([cornu.Input((1,)), layers.Dense(1)], dtype="mixed_float16")
    restored = cornu.Sequential.from_config(sequential.get_config())
    assert restored.dtype_policy.name == "mixed_float16"
