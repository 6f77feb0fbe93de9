"""The shared optimizer pipeline: state layout, clipping, decay, EMA, accumulation, config."""
import warnings

import numpy as np
import pytest

import cornu
from cornu import backend, ops, optimizers
from cornu.optimizers import schedules


def _variables():
    with cornu.name_scope("dense"):
        kernel = cornu.Variable(np.array([[1.0, -2.0], [3.0, 0.5]], "float32"), name="kernel")
        bias = cornu.Variable(np.array([0.5, -1.0], "float32"), name="bias")
    return [kernel, bias]


def _grads(*arrays):
    return [ops.convert_to_tensor(np.asarray(a, "float32")) for a in arrays]


def _np(x):
    return ops.convert_to_numpy(x)


GRAD_K = np.array([[0.5, -1.0], [2.0, 1.0]], "float32")
GRAD_B = np.array([1.0, -3.0], "float32")


# --- state layout -------------------------------------------------------------------
def test_adam_variables_order_names_and_dtypes():
    variables = _variables()
    optimizer = optimizers.Adam()
    assert [v.name for v in optimizer.variables] == ["iteration", "learning_rate"]
    optimizer.build(variables)
    assert [v.path for v in optimizer.variables] == [
        "adam/iteration", "adam/learning_rate",
        "adam/dense_kernel_momentum", "adam/dense_kernel_velocity",
        "adam/dense_bias_momentum", "adam/dense_bias_velocity"]
    assert optimizer.variables[0].dtype == "int32"
    assert optimizer.variables[1].dtype == "float32"
    assert all(not v.trainable for v in optimizer.variables)
    assert optimizer.variables[2].shape == (2, 2) and optimizer.variables[4].shape == (2,)


def test_amsgrad_ema_accumulation_slot_order():
    variables = _variables()
    optimizer = optimizers.Adam(amsgrad=True, use_ema=True, gradient_accumulation_steps=2)
    optimizer.build(variables)
    assert [v.name for v in optimizer.variables] == [
        "iteration", "learning_rate",
        "dense_kernel_average", "dense_bias_average",
        "dense_kernel_gradient_accumulator", "dense_bias_gradient_accumulator",
        "dense_kernel_momentum", "dense_kernel_velocity",
        "dense_bias_momentum", "dense_bias_velocity",
        "dense_kernel_velocity_hat", "dense_bias_velocity_hat"]


@pytest.mark.parametrize("optimizer,count", [
    (optimizers.SGD(), 2), (optimizers.SGD(momentum=0.9), 4), (optimizers.RMSprop(), 4),
    (optimizers.RMSprop(momentum=0.5, centered=True), 8), (optimizers.Adagrad(), 4),
    (optimizers.Adadelta(), 6), (optimizers.Adamax(), 6), (optimizers.Nadam(), 7),
    (optimizers.Ftrl(), 6), (optimizers.Lion(), 4), (optimizers.Lamb(), 6),
    (optimizers.Adafactor(), 8),
    (optimizers.SGD(learning_rate=schedules.ExponentialDecay(0.1, 10, 0.5)), 1),
], ids=lambda x: type(x).__name__ if not isinstance(x, int) else str(x))
def test_variable_count(optimizer, count):
    optimizer.build(_variables())
    assert len(optimizer.variables) == count


def test_adagrad_accumulators_start_at_initial_value():
    optimizer = optimizers.Adagrad(initial_accumulator_value=0.25)
    optimizer.build(_variables())
    np.testing.assert_allclose(_np(optimizer.variables[2]), np.full((2, 2), 0.25))


def test_save_and_load_own_variables_round_trip():
    variables = _variables()
    optimizer = optimizers.Adam()
    optimizer.apply(_grads(GRAD_K, GRAD_B), variables)
    store = {}
    optimizer.save_own_variables(store)
    assert sorted(store, key=int) == [str(i) for i in range(6)]
    assert store["0"] == 1 and store["0"].dtype == np.int32
    other = optimizers.Adam()
    other.build(_variables())
    other.load_own_variables(store)
    for mine, theirs in zip(optimizer.variables, other.variables):
        np.testing.assert_array_equal(_np(mine), _np(theirs))
    with pytest.warns(UserWarning, match="Skipping variable loading"):
        optimizers.Adam().load_own_variables(store)


# --- applying ---------------------------------------------------------------------------
def test_apply_gradients_zip_returns_iterations_and_counts_steps():
    variables = _variables()
    optimizer = optimizers.SGD(learning_rate=0.5)
    result = optimizer.apply_gradients(zip(_grads(GRAD_K, GRAD_B), variables))
    assert result is optimizer.iterations
    assert int(_np(optimizer.iterations)) == 1
    np.testing.assert_allclose(_np(variables[1]), np.array([0.5, -1.0]) - 0.5 * GRAD_B)


def test_missing_gradient_warns_and_skips_variable():
    variables = _variables()
    optimizer = optimizers.SGD(learning_rate=1.0)
    with pytest.warns(UserWarning, match="Gradients do not exist for variables"):
        optimizer.apply([None, _grads(GRAD_B)[0]], variables)
    np.testing.assert_array_equal(_np(variables[0]), [[1.0, -2.0], [3.0, 0.5]])
    np.testing.assert_allclose(_np(variables[1]), np.array([0.5, -1.0]) - GRAD_B)


def test_bad_inputs_raise_clear_errors():
    variables = _variables()
    optimizer = optimizers.SGD()
    with pytest.raises(ValueError, match="must already be built"):
        optimizer.apply(_grads(GRAD_K))
    with pytest.raises(ValueError, match="received 1 gradients for 2 variables"):
        optimizer.apply(_grads(GRAD_K), variables)
    with pytest.raises(ValueError, match=r"has shape \(2,\), expected the variable's shape "
                                         r"\(2, 2\)"):
        optimizer.apply(_grads(GRAD_B, GRAD_B), variables)
    with pytest.raises(ValueError, match="Unknown variable"):
        optimizer.apply(_grads(GRAD_B), [cornu.Variable(np.zeros(2, "float32"))])
    with pytest.raises(ValueError, match="No gradients provided"):
        optimizer.apply([None, None], variables)
    with pytest.raises(ValueError, match="learning_rate"):
        optimizers.Adam(learning_rate="fast")
    with pytest.raises(ValueError, match="Only one of `clipnorm`, `clipvalue`"):
        optimizers.SGD(clipnorm=1.0, clipvalue=1.0)
    with pytest.raises(ValueError, match="use `learning_rate=0.1` instead"):
        optimizers.SGD(lr=0.1)
    with pytest.raises(ValueError, match="not recognized"):
        optimizers.Adam(bogus=1)
    with pytest.raises(ValueError, match="gradient_accumulation_steps"):
        optimizers.SGD(gradient_accumulation_steps=1)
    with pytest.raises(ValueError, match="momentum"):
        optimizers.SGD(momentum=1.5)
    with pytest.raises(ValueError, match="weight_decay"):
        optimizers.AdamW(weight_decay=None)


def test_numpy_gradients_are_accepted():
    variables = _variables()
    optimizers.SGD(learning_rate=1.0).apply([GRAD_K, GRAD_B], variables)
    np.testing.assert_allclose(_np(variables[0]), np.array([[1.0, -2.0], [3.0, 0.5]]) - GRAD_K)


# --- clipping ------------------------------------------------------------------------------
def test_clipnorm_clips_each_gradient():
    variable = cornu.Variable(np.zeros(2, "float32"))
    optimizers.SGD(learning_rate=1.0, clipnorm=1.0).apply(_grads([3.0, 4.0]), [variable])
    np.testing.assert_allclose(_np(variable), [-0.6, -0.8], rtol=1e-6)
    small = cornu.Variable(np.zeros(2, "float32"))
    optimizers.SGD(learning_rate=1.0, clipnorm=10.0).apply(_grads([3.0, 4.0]), [small])
    np.testing.assert_allclose(_np(small), [-3.0, -4.0], rtol=1e-6)


def test_clipvalue_clips_elements():
    variable = cornu.Variable(np.zeros(3, "float32"))
    optimizers.SGD(learning_rate=1.0, clipvalue=0.5).apply(_grads([3.0, -4.0, 0.25]), [variable])
    np.testing.assert_allclose(_np(variable), [-0.5, 0.5, -0.25])


def test_global_clipnorm_scales_all_gradients_together():
    a, b = cornu.Variable(np.zeros(1, "float32")), cornu.Variable(np.zeros(1, "float32"))
    optimizers.SGD(learning_rate=1.0, global_clipnorm=1.0).apply(_grads([3.0], [4.0]), [a, b])
    np.testing.assert_allclose([_np(a)[0], _np(b)[0]], [-0.6, -0.8], rtol=1e-6)


# --- weight decay --------------------------------------------------------------------------
def test_weight_decay_and_exclusion_by_name():
    variables = _variables()
    optimizer = optimizers.SGD(learning_rate=0.1, weight_decay=0.5)
    optimizer.exclude_from_weight_decay(var_names=["bias"])
    zeros = _grads(np.zeros((2, 2)), np.zeros(2))
    optimizer.apply(zeros, variables)
    np.testing.assert_allclose(_np(variables[0]), np.array([[1.0, -2.0], [3.0, 0.5]]) * 0.95,
                               rtol=1e-6)
    np.testing.assert_array_equal(_np(variables[1]), [0.5, -1.0])
    with pytest.raises(ValueError, match="before the optimizer is built"):
        optimizer.exclude_from_weight_decay(var_names=["kernel"])


def test_weight_decay_exclusion_by_variable():
    variables = _variables()
    optimizer = optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
    optimizer.exclude_from_weight_decay(var_list=[variables[0]])
    before = _np(variables[1]).copy()
    optimizer.apply(_grads(np.zeros((2, 2)), np.zeros(2)), variables)
    np.testing.assert_allclose(_np(variables[0]), [[1.0, -2.0], [3.0, 0.5]])
    np.testing.assert_allclose(_np(variables[1]), before * 0.95, rtol=1e-6)


# --- EMA -------------------------------------------------------------------------------
def test_ema_average_and_finalize():
    variable = cornu.Variable(np.array([1.0, 2.0], "float32"))
    optimizer = optimizers.SGD(learning_rate=0.1, use_ema=True, ema_momentum=0.5)
    optimizer.apply(_grads([1.0, 1.0]), [variable])
    first = np.array([0.9, 1.9])
    average = optimizer._model_variables_moving_average[0]
    np.testing.assert_allclose(_np(average), first, rtol=1e-6)  # first step copies the weights
    optimizer.apply(_grads([1.0, 1.0]), [variable])
    second = first - 0.1
    np.testing.assert_allclose(_np(variable), second, rtol=1e-6)
    np.testing.assert_allclose(_np(average), 0.5 * first + 0.5 * second, rtol=1e-6)
    optimizer.finalize_variable_values([variable])
    np.testing.assert_allclose(_np(variable), 0.5 * first + 0.5 * second, rtol=1e-6)


def test_ema_overwrite_frequency():
    variable = cornu.Variable(np.array([1.0], "float32"))
    optimizer = optimizers.SGD(learning_rate=0.1, use_ema=True, ema_momentum=0.5,
                               ema_overwrite_frequency=2)
    optimizer.apply(_grads([1.0]), [variable])
    np.testing.assert_allclose(_np(variable), [0.9], rtol=1e-6)
    optimizer.apply(_grads([1.0]), [variable])
    # Step 2 overwrites the weights with the average 0.5 * 0.9 + 0.5 * 0.8.
    np.testing.assert_allclose(_np(variable), [0.85], rtol=1e-6)


# --- gradient accumulation -------------------------------------------------------------
def test_gradient_accumulation_updates_every_n_steps_with_mean_gradient():
    variable = cornu.Variable(np.array([1.0, 1.0], "float32"))
    optimizer = optimizers.SGD(learning_rate=0.1, gradient_accumulation_steps=2)
    optimizer.apply(_grads([1.0, 2.0]), [variable])
    np.testing.assert_array_equal(_np(variable), [1.0, 1.0])
    np.testing.assert_allclose(_np(optimizer._accumulated_gradients[0]), [1.0, 2.0])
    assert int(_np(optimizer.iterations)) == 0
    optimizer.apply(_grads([3.0, 4.0]), [variable])
    np.testing.assert_allclose(_np(variable), [1.0 - 0.1 * 2.0, 1.0 - 0.1 * 3.0], rtol=1e-6)
    np.testing.assert_array_equal(_np(optimizer._accumulated_gradients[0]), [0.0, 0.0])
    assert int(_np(optimizer.iterations)) == 1
    assert int(_np(optimizer.variables[0])) == 2


def test_gradient_accumulation_with_adam_equals_one_step_on_the_mean():
    accumulated = cornu.Variable(np.array([1.0, -1.0], "float32"))
    plain = cornu.Variable(np.array([1.0, -1.0], "float32"))
    acc_opt = optimizers.Adam(learning_rate=0.1, gradient_accumulation_steps=2)
    acc_opt.apply(_grads([1.0, 2.0]), [accumulated])
    acc_opt.apply(_grads([3.0, -2.0]), [accumulated])
    optimizers.Adam(learning_rate=0.1).apply(_grads([2.0, 0.0]), [plain])
    np.testing.assert_allclose(_np(accumulated), _np(plain), rtol=1e-6)


# --- learning rate ---------------------------------------------------------------------
def test_learning_rate_assignment_and_lr_alias():
    optimizer = optimizers.SGD(learning_rate=0.05)
    lr_variable = optimizer.learning_rate
    assert isinstance(lr_variable, backend.Variable)
    np.testing.assert_allclose(float(_np(optimizer.learning_rate)), 0.05, rtol=1e-7)
    optimizer.learning_rate = 0.2
    assert optimizer.learning_rate is lr_variable
    np.testing.assert_allclose(float(_np(optimizer.lr)), 0.2, rtol=1e-7)
    optimizer.lr = 0.3
    np.testing.assert_allclose(float(_np(optimizer.learning_rate)), 0.3, rtol=1e-7)
    variable = cornu.Variable(np.array([1.0], "float32"))
    optimizer.apply(_grads([1.0]), [variable])
    np.testing.assert_allclose(_np(variable), [0.7], rtol=1e-6)
    assert optimizer.get_config()["learning_rate"] == pytest.approx(0.3)


def test_learning_rate_replaced_by_schedule_and_callable():
    optimizer = optimizers.SGD(learning_rate=0.05)
    variable = cornu.Variable(np.array([1.0], "float32"))
    optimizer.build([variable])
    optimizer.learning_rate = schedules.ExponentialDecay(1.0, decay_steps=1, decay_rate=0.5)
    assert [v.name for v in optimizer.variables] == ["iteration"]
    optimizer.apply(_grads([1.0]), [variable])  # lr(0) = 1
    optimizer.apply(_grads([1.0]), [variable])  # lr(1) = 0.5
    np.testing.assert_allclose(_np(variable), [-0.5], rtol=1e-6)
    np.testing.assert_allclose(float(_np(optimizer.learning_rate)), 0.25, rtol=1e-6)
    with pytest.raises(TypeError, match="not settable"):
        optimizer.learning_rate = 0.1
    callable_opt = optimizers.SGD(learning_rate=lambda: 0.25)
    other = cornu.Variable(np.array([1.0], "float32"))
    callable_opt.apply(_grads([2.0]), [other])
    np.testing.assert_allclose(_np(other), [0.5], rtol=1e-6)


def test_loss_scale_factor_divides_gradients():
    variable = cornu.Variable(np.array([1.0], "float32"))
    optimizer = optimizers.SGD(learning_rate=1.0, loss_scale_factor=4.0)
    assert float(_np(optimizer.scale_loss(ops.convert_to_tensor(2.0)))) == 8.0
    optimizer.apply(_grads([2.0]), [variable])
    np.testing.assert_allclose(_np(variable), [0.5])


# --- constraints -------------------------------------------------------------------------
def test_constraints_are_applied_after_each_update():
    variables = _variables()
    variables[0].constraint = cornu.constraints.NonNeg()
    variables[1].constraint = None
    optimizers.SGD(learning_rate=1.0).apply(_grads(GRAD_K, GRAD_B), variables)
    expected_kernel = np.maximum(np.array([[1.0, -2.0], [3.0, 0.5]]) - GRAD_K, 0.0)
    np.testing.assert_allclose(_np(variables[0]), expected_kernel)
    np.testing.assert_allclose(_np(variables[1]), np.array([0.5, -1.0]) - GRAD_B)


# --- stateless -------------------------------------------------------------------------
def test_stateless_apply_errors_and_lengths():
    variables = _variables()
    optimizer = optimizers.Adam()
    with pytest.raises(ValueError, match="must be built"):
        optimizer.stateless_apply([], _grads(GRAD_K, GRAD_B), [v.value for v in variables])
    optimizer.build(variables)
    with pytest.raises(ValueError, match="expected 6 variables"):
        optimizer.stateless_apply([], _grads(GRAD_K, GRAD_B), [v.value for v in variables])
    state = [v.value for v in optimizer.variables]
    new_trainable, new_state = optimizer.stateless_apply(
        state, _grads(GRAD_K, GRAD_B), [v.value for v in variables])
    assert [tuple(v.shape) for v in new_trainable] == [(2, 2), (2,)]
    assert len(new_state) == 6 and int(_np(new_state[0])) == 1
    assert int(_np(optimizer.iterations)) == 0


def test_stateless_apply_with_accumulation_and_ema_matches_stateful():
    def make():
        return optimizers.SGD(learning_rate=0.1, momentum=0.5, use_ema=True,
                              gradient_accumulation_steps=2)

    stateful_vars, pure_vars = _variables(), _variables()
    stateful, pure = make(), make()
    pure.build(pure_vars)
    trainable = [v.value for v in pure_vars]
    state = [v.value for v in pure.variables]
    for scale in (1.0, 2.0, 3.0, 4.0):
        grads = _grads(GRAD_K * scale, GRAD_B * scale)
        stateful.apply(grads, stateful_vars)
        trainable, state = pure.stateless_apply(state, grads, trainable)
    for value, variable in zip(trainable, stateful_vars):
        np.testing.assert_allclose(_np(value), _np(variable), rtol=1e-6)
    for value, variable in zip(state, stateful.variables):
        np.testing.assert_allclose(_np(value), _np(variable), rtol=1e-6)


@pytest.mark.skipif(backend.backend() != "jax", reason="jax.jit exists only on the jax backend")
def test_stateless_apply_under_jax_jit_with_jax_grad():
    import jax

    variables = _variables()
    optimizer = optimizers.Adam(learning_rate=0.1, clipnorm=1.0)
    optimizer.build(variables)
    reference = optimizers.Adam(learning_rate=0.1, clipnorm=1.0)
    reference_vars = _variables()

    def loss(weights):
        return (weights[0] ** 2).sum() + (weights[1] ** 2).sum()

    @jax.jit
    def step(trainable, state):
        grads = jax.grad(loss)(trainable)
        return optimizer.stateless_apply(state, grads, trainable)

    trainable = [v.value for v in variables]
    state = [v.value for v in optimizer.variables]
    for _ in range(3):
        grads = jax.grad(loss)([v.value for v in reference_vars])
        reference.apply(grads, reference_vars)
        trainable, state = step(trainable, state)
    for value, variable in zip(trainable, reference_vars):
        np.testing.assert_allclose(np.asarray(value), _np(variable), rtol=1e-5)
    assert int(state[0]) == 3 and int(_np(optimizer.iterations)) == 0


# --- config ------------------------------------------------------------------------------
BASE_KEYS = ["name", "learning_rate", "weight_decay", "clipnorm", "global_clipnorm", "clipvalue",
             "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor",
             "gradient_accumulation_steps"]
EXTRA_KEYS = {
    "SGD": ["momentum", "nesterov"], "Adam": ["beta_1", "beta_2", "epsilon", "amsgrad"],
    "AdamW": ["beta_1", "beta_2", "epsilon", "amsgrad"],
    "RMSprop": ["rho", "momentum", "epsilon", "centered"],
    "Adagrad": ["initial_accumulator_value", "epsilon"], "Adadelta": ["rho", "epsilon"],
    "Adamax": ["beta_1", "beta_2", "epsilon"], "Nadam": ["beta_1", "beta_2", "epsilon"],
    "Ftrl": ["learning_rate_power", "initial_accumulator_value", "l1_regularization_strength",
             "l2_regularization_strength", "l2_shrinkage_regularization_strength", "beta"],
    "Lion": ["beta_1", "beta_2"], "Lamb": ["beta_1", "beta_2", "epsilon"],
    "Adafactor": ["beta_2_decay", "epsilon_1", "epsilon_2", "clip_threshold", "relative_step"],
}
DEFAULT_NAMES = {"SGD": "SGD", "AdamW": "adamw", "RMSprop": "rmsprop"}


@pytest.mark.parametrize("class_name", sorted(EXTRA_KEYS))
def test_config_keys_defaults_and_round_trip(class_name):
    cls = getattr(optimizers, class_name)
    optimizer = cls()
    config = optimizer.get_config()
    assert list(config) == BASE_KEYS + EXTRA_KEYS[class_name]
    assert config["name"] == DEFAULT_NAMES.get(class_name, class_name.lower())
    restored = cls.from_config(config)
    assert type(restored) is cls and restored.get_config() == config
    serialized = optimizers.serialize(optimizer)
    assert serialized["module"] == "keras.optimizers"
    assert serialized["class_name"] == class_name and serialized["registered_name"] is None
    assert optimizers.deserialize(serialized).get_config() == config
    assert isinstance(optimizers.get(class_name.lower()), cls)


def test_adam_config_values_match_keras():
    config = optimizers.Adam().get_config()
    assert config["learning_rate"] == pytest.approx(0.001) and config["epsilon"] == 1e-7
    assert config["learning_rate"] == float(np.float32(0.001))
    assert optimizers.AdamW().get_config()["weight_decay"] == 0.004
    assert optimizers.SGD().get_config()["learning_rate"] == float(np.float32(0.01))


def test_schedule_in_config_round_trip():
    schedule = schedules.CosineDecay(0.1, decay_steps=100, warmup_target=0.2, warmup_steps=10)
    config = optimizers.SGD(learning_rate=schedule).get_config()
    assert config["learning_rate"]["class_name"] == "CosineDecay"
    restored = optimizers.SGD.from_config(config)
    assert isinstance(restored._learning_rate, schedules.CosineDecay)
    assert restored._learning_rate.get_config() == schedule.get_config()


def test_get_resolves_names_dicts_instances_and_rejects_unknown():
    adam = optimizers.Adam()
    assert optimizers.get(adam) is adam
    assert isinstance(optimizers.get("SGD"), optimizers.SGD)
    assert isinstance(optimizers.get("RMSprop"), optimizers.RMSprop)
    restored = optimizers.get({"class_name": "Adam", "config": {"learning_rate": 0.5}})
    assert float(_np(restored.learning_rate)) == 0.5
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier: 'adamm'"):
        optimizers.get("adamm")
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier"):
        optimizers.get(3)
    with pytest.raises(ValueError, match="Unknown optimizer"):
        optimizers.deserialize({"class_name": "Nope", "config": {}})


def test_custom_optimizer_subclass_with_custom_objects():
    class HalfStep(optimizers.Optimizer):
        def __init__(self, learning_rate=1.0, **kwargs):
            super().__init__(learning_rate=learning_rate, **kwargs)

        def build(self, variables):
            super().build(variables)
            self.steps_seen = self.add_optimizer_variables(variables, "steps_seen")

        def update_step(self, gradient, variable, learning_rate):
            self.assign_sub(variable, 0.5 * learning_rate * gradient)
            self.assign_add(self.steps_seen[self._get_variable_index(variable)], 1.0)

    optimizer = HalfStep()
    assert optimizer.name == "half_step"
    variable = cornu.Variable(np.array([1.0], "float32"))
    optimizer.apply(_grads([1.0]), [variable])
    np.testing.assert_allclose(_np(variable), [0.5])
    assert [v.name for v in optimizer.variables][2:] == ["variable_steps_seen"]
    np.testing.assert_allclose(_np(optimizer.steps_seen[0]), [1.0])
    serialized = optimizers.serialize(optimizer)
    restored = optimizers.deserialize(serialized, custom_objects={"HalfStep": HalfStep})
    assert isinstance(restored, HalfStep)


def test_decay_argument_is_ignored_with_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        optimizers.SGD(decay=0.1)
    assert any("decay" in str(w.message) for w in caught)


# --- engine fast path ----------------------------------------------------------------
def test_torch_uses_multi_tensor_kernels_and_updates_parameters_in_place(monkeypatch):
    from cornu.backend import engine

    if backend.backend() != "torch":
        # JAX updates stay pure (jitted stateless_apply): no in-place kernels are registered.
        assert not hasattr(engine.optimizers, "adam_step")
        return
    calls = []
    original = engine.optimizers.adam_step
    monkeypatch.setattr(engine.optimizers, "adam_step",
                        lambda *a, **k: calls.append(1) or original(*a, **k))
    variables = _variables()
    storages = [v.value for v in variables]
    optimizer = optimizers.AdamW(learning_rate=0.1)
    optimizer.apply(_grads(GRAD_K, GRAD_B), variables)
    assert calls == [1]
    assert all(v.value is storage for v, storage in zip(variables, storages))
    assert all(v.value.grad_fn is None and v.value.requires_grad for v in variables)
    # A rule without a kernel (Nadam) also writes into the same parameters.
    nadam_vars = _variables()
    nadam_storages = [v.value for v in nadam_vars]
    optimizers.Nadam().apply(_grads(GRAD_K, GRAD_B), nadam_vars)
    assert all(v.value is storage for v, storage in zip(nadam_vars, nadam_storages))
    assert all(v.value.grad_fn is None for v in nadam_vars)
