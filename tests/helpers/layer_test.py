"""The generic layer test used by every layer's tests (both engines).

`run_layer_test` checks, for one layer configuration:
1. symbolic build from `cornu.Input` gives `expected_output_shape`;
2. an eager call matches `expected_output` or `reference_fn(layer, input_data)`;
3. trainable / non-trainable weight counts;
4. `get_config()` -> `from_config()` gives a layer with the same outputs for the
   same weights (`check_config`);
5. gradients of a scalar of the output w.r.t. the trainable weights are finite and
   not all zero (`run_training_check`).
"""
import numpy as np

import cornu
from cornu import ops


def _random_inputs(input_shape, input_dtype, seed=0):
    rng = np.random.default_rng(seed)
    if isinstance(input_shape, (list, tuple)) and input_shape and \
            isinstance(input_shape[0], (list, tuple)):
        return [_random_inputs(s, input_dtype, seed + i) for i, s in enumerate(input_shape)]
    if input_dtype.startswith("int"):
        return rng.integers(0, 5, size=input_shape).astype(input_dtype)
    return rng.normal(size=input_shape).astype(input_dtype)


def _shape_without_batch(shape):
    return tuple(shape)[1:]


def _to_numpy(value):
    if isinstance(value, (list, tuple)):
        return [_to_numpy(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_numpy(v) for k, v in value.items()}
    return ops.convert_to_numpy(value)


def _assert_close(actual, expected, atol, what):
    if isinstance(expected, (list, tuple)):
        assert len(actual) == len(expected), f"{what}: {len(actual)} outputs, expected " \
                                             f"{len(expected)}"
        for a, e in zip(actual, expected):
            _assert_close(a, e, atol, what)
        return
    np.testing.assert_allclose(np.asarray(actual), np.asarray(expected), atol=atol,
                               rtol=atol, err_msg=what)


def _shapes(value):
    if isinstance(value, (list, tuple)):
        return [_shapes(v) for v in value]
    if isinstance(value, dict):
        return {k: _shapes(v) for k, v in value.items()}
    return tuple(value.shape)


def run_layer_test(layer_cls, init_kwargs=None, input_shape=None, input_data=None,
                   input_dtype="float32", call_kwargs=None, expected_output_shape=None,
                   expected_output=None, reference_fn=None, expected_num_trainable_weights=None,
                   expected_num_non_trainable_weights=None, supports_masking=None,
                   run_training_check=True, check_config=True, atol=1e-5, symbolic=True):
    """Run the standard checks on `layer_cls(**init_kwargs)`; returns the eager layer."""
    init_kwargs = dict(init_kwargs or {})
    call_kwargs = dict(call_kwargs or {})
    if input_data is None:
        if input_shape is None:
            raise ValueError("run_layer_test needs input_shape or input_data.")
        input_data = _random_inputs(input_shape, input_dtype)
    multi = isinstance(input_data, (list, tuple))
    shapes = [tuple(x.shape) for x in input_data] if multi else tuple(input_data.shape)

    # 1. Symbolic: build from an Input with a None batch dimension.
    if symbolic:
        layer = layer_cls(**init_kwargs)
        if multi:
            symbolic_inputs = [cornu.Input(shape=_shape_without_batch(s), dtype=str(x.dtype))
                               for s, x in zip(shapes, input_data)]
        else:
            symbolic_inputs = cornu.Input(shape=_shape_without_batch(shapes),
                                          dtype=str(input_data.dtype))
        symbolic_output = layer(symbolic_inputs, **call_kwargs)
        if expected_output_shape is not None:
            got = _shapes(symbolic_output)
            expected = _with_none_batch(expected_output_shape)
            assert _none_batch(got) == expected, \
                f"symbolic output shape {got}, expected {expected}"

    # 2. Eager call.
    layer = layer_cls(**init_kwargs)
    output = layer(input_data, **call_kwargs)
    if expected_output_shape is not None:
        assert _shapes(output) == _as_tuple_shapes(expected_output_shape), \
            f"eager output shape {_shapes(output)}, expected {expected_output_shape}"
    numpy_output = _to_numpy(output)
    if reference_fn is not None:
        expected_output = reference_fn(layer, input_data)
    if expected_output is not None:
        _assert_close(numpy_output, expected_output, atol, "eager output vs reference")

    # 3. Weight counts.
    if expected_num_trainable_weights is not None:
        assert len(layer.trainable_weights) == expected_num_trainable_weights, \
            f"{len(layer.trainable_weights)} trainable weights, expected " \
            f"{expected_num_trainable_weights}"
    if expected_num_non_trainable_weights is not None:
        assert len(layer.non_trainable_weights) == expected_num_non_trainable_weights, \
            f"{len(layer.non_trainable_weights)} non-trainable weights, expected " \
            f"{expected_num_non_trainable_weights}"
    if supports_masking is not None:
        assert layer.supports_masking == supports_masking

    # 4. Config round trip with the same weights.
    if check_config:
        config = layer.get_config()
        clone = layer_cls.from_config(config)
        clone_output = clone(input_data, **call_kwargs)
        if layer.weights:
            clone.set_weights(layer.get_weights())
            clone_output = clone(input_data, **call_kwargs)
        assert clone.get_config() == config, "config changed in a get/from_config round trip"
        _assert_close(_to_numpy(clone_output), numpy_output, atol,
                      "output after config round trip")
    # 5. Gradients are finite and not all zero. Last: a training call may move
    #    non-trainable state such as moving averages.
    if run_training_check and layer.trainable_weights:
        _check_gradients(layer, input_data, call_kwargs)
    return layer


def _check_gradients(layer, input_data, call_kwargs):
    from cornu import backend

    variables = layer.trainable_weights
    before = [np.array(v.numpy()) for v in variables]
    if backend.backend() == "torch":
        import torch

        output = layer(input_data, training=True, **call_kwargs) if layer._call_has_training_arg \
            else layer(input_data, **call_kwargs)
        total = sum(ops.sum(ops.square(o)) for o in _flat(output))
        grads = torch.autograd.grad(total, [v.value for v in variables], allow_unused=True)
        grads = [np.zeros(v.shape) if g is None else g.detach().numpy()
                 for g, v in zip(grads, variables)]
    else:
        import jax

        def loss(values):
            with backend.StatelessScope(state_mapping=list(zip(variables, values))):
                out = layer(input_data, **call_kwargs)
                return sum(ops.sum(ops.square(o)) for o in _flat(out))

        grads = [np.asarray(g) for g in jax.grad(loss)([v.value for v in variables])]
    for variable, grad in zip(variables, grads):
        assert np.all(np.isfinite(grad)), f"non-finite gradient for {variable.path}"
    assert any(np.any(g != 0) for g in grads), "all gradients are zero"
    for variable, value in zip(variables, before):
        np.testing.assert_array_equal(variable.numpy(), value)


def _flat(value):
    if isinstance(value, (list, tuple)):
        return [v for item in value for v in _flat(item)]
    if isinstance(value, dict):
        return [v for item in value.values() for v in _flat(item)]
    return [value]


def _none_batch(shape):
    if isinstance(shape, list) and shape and isinstance(shape[0], (list, tuple)):
        return [_none_batch(s) for s in shape]
    if isinstance(shape, dict):
        return {k: _none_batch(v) for k, v in shape.items()}
    return (None,) + tuple(shape[1:])


def _with_none_batch(shape):
    return _none_batch(_as_tuple_shapes(shape))


def _as_tuple_shapes(shape):
    if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple)):
        return [tuple(s) for s in shape]
    if isinstance(shape, dict):
        return {k: tuple(v) for k, v in shape.items()}
    return tuple(shape)
