"""`Lambda`: wraps an arbitrary expression (a Python function) as a layer."""
import base64
import inspect
import marshal
import types

from cornu import backend
from cornu.backend.common import state
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.layers.layer import Layer


def _accepts(function, argument):
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    return argument in parameters or any(
        p.kind == inspect.Parameter.VAR_KEYWORD for p in parameters.values())


class Lambda(Layer):
    """Calls `function(inputs, **arguments)`; holds no weights.

    The function also receives `mask=` and `training=` when its signature accepts them.
    Lambdas are for stateless expressions; saving one stores Python bytecode, which
    loads only with `safe_mode=False`. Prefer a `Layer` subclass for anything reusable.

    Args:
        function: the callable to apply.
        output_shape: output shape without the batch axis (tuple, or a callable
            `f(input_shape) -> shape`); by default it is inferred by tracing `function`.
        mask: a callable `f(inputs, mask) -> mask`, or a fixed mask, for the output mask.
        arguments: dict of extra keyword arguments for `function`.

    Example:
        >>> Lambda(lambda t: t + 2)(np.zeros(3))  # [2., 2., 2.]
    """

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        if not callable(function):
            raise TypeError(
                f"Lambda: `function` must be callable, received {function!r} of type "
                f"{type(function).__name__}.")
        self.function = function
        self.arguments = dict(arguments or {})
        self.mask = mask
        self._output_shape = output_shape
        self._function_takes_mask = _accepts(function, "mask")
        self._function_takes_training = _accepts(function, "training")
        self.supports_masking = mask is not None
        self.built = True

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if self._function_takes_mask:
            kwargs["mask"] = mask
        if self._function_takes_training:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_mask(self, inputs, mask=None):
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def compute_output_spec(self, *args, **kwargs):
        if self._output_shape is None:
            return self._traced_output_spec(args, kwargs)
        inputs = args[0] if args else kwargs.get("inputs")
        input_shape = _shape_structure(inputs)
        return _to_spec(self.compute_output_shape(input_shape), self.compute_dtype)

    def _traced_output_spec(self, args, kwargs):
        context = state.CallContext(self, kwargs.get("training"))
        state.push_call_context(context)
        try:
            return backend.compute_output_spec(self.call, *args, **kwargs)
        finally:
            state.pop_call_context()

    def compute_output_shape(self, input_shape):
        if self._output_shape is None:
            spec = self._traced_output_spec((_to_spec(input_shape, self.compute_dtype),), {})
            return _spec_shapes(spec)
        if callable(self._output_shape):
            return self._output_shape(input_shape)
        first = input_shape
        while isinstance(first, (list, tuple)) and first and isinstance(first[0], (list, tuple)):
            first = first[0]
        batch = first[0] if first else None
        return _with_batch(self._output_shape, batch)

    def get_config(self):
        config = {**super().get_config(), "function": _serialize_callable(self.function)}
        if self._output_shape is not None:
            config["output_shape"] = _serialize_callable(self._output_shape) \
                if callable(self._output_shape) else self._output_shape
        if self.mask is not None:
            config["mask"] = _serialize_callable(self.mask) if callable(self.mask) else self.mask
        config["arguments"] = self.arguments
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from cornu.saving import serialization_lib

        config = dict(config)
        for key in ("function", "output_shape", "mask"):
            value = config.get(key)
            if isinstance(value, dict) and "class_name" in value:
                config[key] = serialization_lib.deserialize_keras_object(
                    value, custom_objects=custom_objects, safe_mode=None)
            elif key == "function" and isinstance(value, str):
                config[key] = serialization_lib.deserialize_keras_object(
                    {"module": "builtins", "class_name": "function", "config": value,
                     "registered_name": "function"}, custom_objects=custom_objects,
                    safe_mode=None)
        if isinstance(config.get("output_shape"), list):
            config["output_shape"] = tuple(config["output_shape"])
        return super().from_config(config)


def _serialize_callable(fn):
    if isinstance(fn, types.FunctionType) and fn.__name__ == "<lambda>":
        closure = [cell.cell_contents for cell in fn.__closure__] if fn.__closure__ else None
        return {"class_name": "__lambda__", "config": {
            "code": base64.b64encode(marshal.dumps(fn.__code__)).decode("ascii"),
            "defaults": list(fn.__defaults__) if fn.__defaults__ else None,
            "closure": closure}}
    from cornu.saving import serialization_lib

    return serialization_lib.serialize_function(fn)


def _shape_structure(value):
    if isinstance(value, (list, tuple)):
        return [_shape_structure(v) for v in value]
    if isinstance(value, dict):
        return {k: _shape_structure(v) for k, v in value.items()}
    return tuple(value.shape)


def _with_batch(shape, batch):
    if isinstance(shape, dict):
        return {k: _with_batch(v, batch) for k, v in shape.items()}
    if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple, dict)):
        return [_with_batch(s, batch) for s in shape]
    return (batch,) + tuple(shape)


def _to_spec(shape, dtype):
    if isinstance(shape, dict):
        return {k: _to_spec(v, dtype) for k, v in shape.items()}
    if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple, dict)):
        return [_to_spec(s, dtype) for s in shape]
    return KerasTensor(tuple(shape), dtype=dtype)


def _spec_shapes(spec):
    if isinstance(spec, KerasTensor):
        return spec.shape
    if isinstance(spec, dict):
        return {k: _spec_shapes(v) for k, v in spec.items()}
    if isinstance(spec, (list, tuple)):
        return type(spec)(_spec_shapes(s) for s in spec)
    return spec
