"""`LossScaleOptimizer`: unscaled updates, skipped non-finite steps, scale dynamics."""
import numpy as np
import pytest

import cornu
from cornu import backend, ops, optimizers


def value(x):
    return ops.convert_to_numpy(x)


def _wrapped(initial_scale=8.0, growth=2, inner=None):
    variable = backend.Variable(np.array([1.0, -2.0], "float32"))
    optimizer = optimizers.LossScaleOptimizer(inner or optimizers.SGD(learning_rate=0.5),
                                              initial_scale=initial_scale,
                                              dynamic_growth_steps=growth)
    optimizer.build([variable])
    return optimizer, variable


def test_finite_steps_apply_unscaled_gradients_and_grow_the_scale():
    optimizer, variable = _wrapped()
    grad = np.array([0.25, 1.0], "float32")
    optimizer.apply([ops.convert_to_tensor(grad * 8.0)], [variable])
    np.testing.assert_allclose(value(variable), [1.0 - 0.125, -2.5])
    assert value(optimizer.dynamic_scale) == 8.0 and value(optimizer.step_counter) == 1
    optimizer.apply([ops.convert_to_tensor(grad * 8.0)], [variable])
    # Two finite steps in a row (dynamic_growth_steps=2): the scale doubles.
    assert value(optimizer.dynamic_scale) == 16.0 and value(optimizer.step_counter) == 0
    assert value(optimizer.iterations) == 2
    returned = optimizer.apply_gradients([(ops.convert_to_tensor(grad), variable)])
    assert value(returned) == 3 == value(optimizer.inner_optimizer.iterations)


def test_a_non_finite_gradient_skips_the_step_and_halves_the_scale():
    optimizer, variable = _wrapped(inner=optimizers.Adam(learning_rate=0.1))
    optimizer.apply([ops.convert_to_tensor(np.array([1.0, 1.0], "float32"))], [variable])
    before = [value(v).copy() for v in optimizer.variables] + [value(variable).copy()]
    optimizer.apply([ops.convert_to_tensor(np.array([np.inf, 1.0], "float32"))], [variable])
    after = [value(v) for v in optimizer.variables] + [value(variable)]
    assert value(optimizer.dynamic_scale) == 4.0 and value(optimizer.step_counter) == 0
    for index, (old, new) in enumerate(zip(before, after)):
        if index >= 2:  # everything but the scale and the counter is left alone
            np.testing.assert_array_equal(new, old)
    assert value(optimizer.iterations) == 1


def test_scale_loss_variables_learning_rate_and_config():
    optimizer, variable = _wrapped(initial_scale=4.0)
    assert float(value(optimizer.scale_loss(ops.convert_to_tensor(1.5)))) == 6.0
    names = [v.name for v in optimizer.variables]
    assert names[:2] == ["step_counter", "dynamic_scale"]
    assert len(optimizer.variables) == 2 + len(optimizer.inner_optimizer.variables)
    optimizer.learning_rate = 0.25
    assert float(value(optimizer.inner_optimizer.learning_rate)) == 0.25
    config = optimizers.serialize(optimizer)
    assert config["class_name"] == "LossScaleOptimizer"
    assert config["config"]["inner_optimizer"]["class_name"] == "SGD"
    assert "learning_rate" not in config["config"]
    restored = optimizers.deserialize(config)
    assert restored.initial_scale == 4.0 and restored.dynamic_growth_steps == 2
    assert float(restored.inner_optimizer.get_config()["learning_rate"]) == 0.25


def test_stateless_apply_matches_apply():
    optimizer, variable = _wrapped()
    grads = [ops.convert_to_tensor(np.array([8.0, np.nan], "float32"))]
    new_trainable, new_state = optimizer.stateless_apply(
        [v.value for v in optimizer.variables], grads, [variable.value])
    np.testing.assert_array_equal(value(new_trainable[0]), [1.0, -2.0])  # skipped
    assert value(new_state[1]) == 4.0
    assert value(optimizer.dynamic_scale) == 8.0  # the optimizer itself is untouched


def test_bad_arguments():
    with pytest.raises(ValueError, match="inner_optimizer"):
        optimizers.LossScaleOptimizer("sgd")
    with pytest.raises(ValueError, match="initial_scale"):
        optimizers.LossScaleOptimizer(optimizers.SGD(), initial_scale=0)
    with pytest.raises(ValueError, match="dynamic_growth_steps"):
        optimizers.LossScaleOptimizer(optimizers.SGD(), dynamic_growth_steps=1.5)
    assert cornu.mixed_precision.LossScaleOptimizer is optimizers.LossScaleOptimizer
