"""`Layer`: the base class of every layer and model.

A call goes: convert inputs -> build from input shapes on first call -> check
`input_spec` -> resolve `training` from the outer call -> masks -> `call` ->
record a graph node when the inputs are symbolic.
"""
import contextlib
import inspect

import numpy as np

from cornu import backend
from cornu.backend.common import naming, state
from cornu.backend.common.dtypes import standardize_dtype
from cornu.backend.common.keras_tensor import KerasTensor, any_symbolic
from cornu.layers import tracking
from cornu.layers.input_spec import assert_input_compatibility
from cornu.layers.mask_propagation import collect_masks, get_mask, set_mask  # noqa: F401
from cornu.ops.node import Node
from cornu.ops.operation import Operation

_BASIC_CONFIG_TYPES = (str, int, float, bool, type(None))
# Layers whose `_losses` were filled during a call; cleared when the next outermost call starts.
_layers_with_losses = []

_FLOAT_DTYPES = ("float16", "bfloat16", "float32", "float64")
_NO_AUTOCAST = contextlib.nullcontext()


class Layer(Operation):
    """Base class of layers: owns variables and sublayers, and is called on tensors.

    Args:
        trainable: whether the layer's variables are updated by training.
        dtype: a dtype name or `DTypePolicy` (variable and compute dtypes).
        autocast: cast floating inputs to the compute dtype.
        name: unique name; defaults to the snake-cased class name (`dense`, `dense_1`, ...).
        activity_regularizer: a regularizer applied to the outputs (added to `losses`).

    Example:

        class Scale(cornu.Layer):
            def build(self, input_shape):
                self.w = self.add_weight(shape=input_shape[-1:], initializer="ones")

            def call(self, x):
                return x * self.w
    """

    def __new__(cls, *args, **kwargs):
        instance = super().__new__(cls)
        # Kept so layers that do not override get_config still serialize their arguments.
        instance._init_args = args
        instance._init_kwargs = dict(kwargs)
        return instance

    def __init__(self, *, activity_regularizer=None, trainable=True, dtype=None, autocast=True,
                 name=None, **kwargs):
        input_shape = kwargs.pop("input_shape", None)
        batch_input_shape = kwargs.pop("batch_input_shape", None)
        input_dim = kwargs.pop("input_dim", None)
        batch_size = kwargs.pop("batch_size", None)
        kwargs.pop("input_length", None)
        if kwargs:
            raise TypeError(
                f"{type(self).__name__}: unrecognized keyword argument(s) passed to the "
                f"constructor: {sorted(kwargs)}")
        super().__init__(name=name)
        from cornu import dtype_policies, regularizers

        self._dtype_policy = dtype_policies.get(dtype)
        self._trainable = bool(trainable)
        self.autocast = autocast
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.built = False
        self.supports_masking = False
        self.input_spec = None
        self._trainable_variables = []
        self._non_trainable_variables = []
        self._losses = []
        self._build_shapes_dict = None
        if batch_input_shape is not None:
            self._batch_input_shape = tuple(batch_input_shape)
        elif input_shape is not None:
            self._batch_input_shape = (batch_size,) + tuple(input_shape)
        elif input_dim is not None:
            self._batch_input_shape = (batch_size, int(input_dim))
        else:
            self._batch_input_shape = None
        signature = _call_signature(type(self))
        self._call_has_training_arg = "training" in signature.parameters
        self._call_has_mask_arg = "mask" in signature.parameters
        self._call_training_default = (
            signature.parameters["training"].default if self._call_has_training_arg else None)
        if self._call_training_default is inspect.Parameter.empty:
            self._call_training_default = None
        self._compute_mask_overridden = type(self).compute_mask is not Layer.compute_mask

    # ------------------------------------------------------------------ dtypes
    @property
    def dtype_policy(self):
        return self._dtype_policy

    @dtype_policy.setter
    def dtype_policy(self, value):
        from cornu import dtype_policies

        self._dtype_policy = dtype_policies.get(value)

    @property
    def dtype(self):
        return self._dtype_policy.variable_dtype

    @property
    def compute_dtype(self):
        return self._dtype_policy.compute_dtype

    @property
    def variable_dtype(self):
        return self._dtype_policy.variable_dtype

    # --------------------------------------------------------------- variables
    def add_weight(self, shape=None, initializer=None, dtype=None, trainable=True, autocast=True,
                   regularizer=None, constraint=None, aggregation="none", name=None):
        """Create a variable owned by this layer (call it from `build`).

        Args:
            shape: variable shape (default scalar).
            initializer: initializer object or name; default `glorot_uniform` for floats,
                `zeros` otherwise.
            dtype: defaults to the layer's variable dtype.
            trainable: whether training updates it.
            regularizer / constraint: applied to the variable (objects or names).
            name: short name; the path is `<layer name>/<name>`.
        Returns:
            The new `cornu.Variable`.
        """
        if isinstance(shape, str) and name is None:  # Keras 2 order: add_weight(name, shape, ...)
            shape, name = initializer, shape
            initializer = None
        from cornu import constraints, initializers, regularizers

        shape = () if shape is None else tuple(int(d) for d in shape)
        dtype = standardize_dtype(dtype) if dtype is not None else self.variable_dtype
        if initializer is None:
            initializer = "glorot_uniform" if dtype in _FLOAT_DTYPES else "zeros"
        initializer = initializers.get(initializer)
        with naming.name_scope(self.name):
            variable = backend.Variable(initializer, shape=shape, dtype=dtype,
                                        trainable=trainable, autocast=autocast,
                                        aggregation=aggregation, name=name or "variable")
        variable.regularizer = regularizers.get(regularizer)
        variable.constraint = constraints.get(constraint)
        if trainable:
            self._trainable_variables.append(variable)
            if not self._trainable:
                variable.trainable = False
        else:
            self._non_trainable_variables.append(variable)
        return variable

    def add_variable(self, shape=None, initializer=None, dtype=None, trainable=True,
                     autocast=True, regularizer=None, constraint=None, name=None):
        """Keras-2 spelling of `add_weight`."""
        return self.add_weight(shape=shape, initializer=initializer, dtype=dtype,
                               trainable=trainable, autocast=autocast, regularizer=regularizer,
                               constraint=constraint, name=name)

    def _own_variables(self):
        found = self._trainable_variables + self._non_trainable_variables
        extra = [v for v in tracking.attribute_variables(self) if all(v is not f for f in found)]
        return found + extra

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        value = bool(value)
        self._trainable = value
        for variable in self._trainable_variables:
            variable.trainable = value
        for layer in self._flatten_layers(include_self=False, recursive=False):
            layer.trainable = value

    @property
    def weights(self):
        """All weights: own (trainable then non-trainable, creation order), then sublayers'."""
        result, seen = [], set()
        for layer in self._flatten_layers(include_self=True, recursive=True):
            for variable in layer._own_variables():
                if id(variable) not in seen:
                    seen.add(id(variable))
                    result.append(variable)
        return result

    @property
    def trainable_weights(self):
        return [v for v in self.weights if v.trainable]

    @property
    def non_trainable_weights(self):
        return [v for v in self.weights if not v.trainable]

    @property
    def variables(self):
        """Weights plus the state of random seed generators owned by the layer tree."""
        return self.weights + self._seed_state_variables()

    @property
    def trainable_variables(self):
        return self.trainable_weights

    @property
    def non_trainable_variables(self):
        return self.non_trainable_weights + self._seed_state_variables()

    def _seed_state_variables(self):
        result = []
        for layer in self._flatten_layers(include_self=True, recursive=True):
            result.extend(g.state for g in tracking.attribute_seed_generators(layer))
        return result

    def get_weights(self):
        """Weight values as NumPy arrays, in `weights` order."""
        return [backend.convert_to_numpy(v.value).copy() for v in self.weights]

    def set_weights(self, weights):
        """Assign NumPy arrays to `weights` (same count, order and shapes)."""
        variables = self.weights
        if len(weights) != len(variables):
            raise ValueError(
                f"Layer {self.name!r} expects {len(variables)} weight arrays, but "
                f"set_weights() received {len(weights)}.")
        for variable, value in zip(variables, weights):
            value = np.asarray(value)
            if tuple(value.shape) != tuple(variable.shape):
                raise ValueError(
                    f"Layer {self.name!r} weight {variable.path!r} has shape "
                    f"{tuple(variable.shape)}, but set_weights() received shape "
                    f"{tuple(value.shape)}.")
            variable.assign(value)

    def count_params(self):
        if not self.built:
            raise ValueError(
                f"You tried to call `count_params` on layer {self.name!r}, but the layer "
                "isn't built. Build it first (call it on data, or `layer.build(shape)`).")
        return int(sum(int(np.prod(v.shape)) for v in self.weights))

    # ---------------------------------------------------------------- sublayers
    def _flatten_layers(self, include_self=True, recursive=True):
        result = [self] if include_self else []
        seen = {id(self)}
        stack = list(reversed(tracking.attribute_layers(self)))
        while stack:
            layer = stack.pop()
            if id(layer) in seen:
                continue
            seen.add(id(layer))
            result.append(layer)
            if recursive:
                stack.extend(reversed(tracking.attribute_layers(layer)))
        return result

    @property
    def _layers(self):
        return self._flatten_layers(include_self=False, recursive=False)

    # ------------------------------------------------------------------ losses
    def add_loss(self, loss):
        """Add a scalar loss term (collected during a call, read via `losses`)."""
        if state._symbolic_depth[0]:
            return
        if not self._losses:
            _layers_with_losses.append(self)
        self._losses.append(loss)

    @property
    def losses(self):
        """Losses added during the last call plus weight-regularization penalties."""
        result, seen = [], set()
        for layer in self._flatten_layers(include_self=True, recursive=True):
            result.extend(layer._losses)
            for variable in layer._trainable_variables:
                if id(variable) in seen:  # a wrapper may list its inner layer's kernel too
                    continue
                seen.add(id(variable))
                regularizer = getattr(variable, "regularizer", None)
                if regularizer is not None and variable.trainable:
                    result.append(regularizer(variable))
        return result

    def _clear_losses(self):
        for layer in self._flatten_layers(include_self=True, recursive=True):
            layer._losses = []

    # ------------------------------------------------------------------- build
    def build(self, input_shape):
        """Create the layer's weights for `input_shape` (default: nothing to create)."""
        self.built = True

    def _maybe_build(self, args, kwargs):
        if self.built:
            return
        shapes = _shapes_for_build(self, args, kwargs)
        self._build_shapes_dict = shapes
        build_signature = inspect.signature(self.build)
        params = [p for p in build_signature.parameters.values()
                  if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        if len(params) > 1 and len(shapes) > 1:
            by_name = {p.name: shapes[p.name] for p in params if p.name in shapes}
            self.build(**by_name)
        elif params or type(self).build is not Layer.build:
            self.build(next(iter(shapes.values())) if shapes else None)
        else:
            self.build()
        self.built = True

    def get_build_config(self):
        if self._build_shapes_dict is None:
            return None
        if len(self._build_shapes_dict) == 1:
            return {"input_shape": next(iter(self._build_shapes_dict.values()))}
        return {"shapes_dict": self._build_shapes_dict}

    def build_from_config(self, config):
        if not config or self.built:
            return
        self._build_shapes_dict = dict(config.get("shapes_dict") or
                                       {"input_shape": config.get("input_shape")})
        if "input_shape" in config:
            self.build(config["input_shape"])
        elif "shapes_dict" in config:
            self.build(**config["shapes_dict"])
        self.built = True

    # -------------------------------------------------------------------- call
    def call(self, *args, **kwargs):
        raise NotImplementedError(
            f"Layer {type(self).__name__} does not implement call().")

    def __call__(self, *args, **kwargs):
        context = state._call_stack[-1] if state._call_stack else None
        explicit_kwargs = dict(kwargs)
        training = kwargs.get("training")
        if training is None and context is not None:
            training = context.training
        if training is None:
            training = self._call_training_default
        if self._call_has_training_arg:
            kwargs["training"] = training
        else:
            kwargs.pop("training", None)

        if any_symbolic(args, kwargs):
            return self._symbolic_call(args, kwargs, training, explicit_kwargs)

        if args:
            args = (self._convert_input(args[0]),) + args[1:]
        if not self.built:
            self._maybe_build(args, kwargs)
        if self.input_spec is not None and args:
            assert_input_compatibility(self.input_spec, args[0], self.name)
        if self._call_has_mask_arg and kwargs.get("mask") is None and args:
            mask = collect_masks(args[0])
            if mask is not None:
                kwargs["mask"] = mask

        outer = context is None
        if outer:
            if _layers_with_losses:
                for layer in _layers_with_losses:
                    layer._losses = []
                _layers_with_losses.clear()
            context = state.CallContext(self, training)
            state.push_call_context(context)
        try:
            with naming.name_scope(self.name), self._autocast_scope():
                outputs = self.call(*args, **kwargs)
            if self.activity_regularizer is not None:
                self.add_loss(self.activity_regularizer(outputs))
            if self.supports_masking or self._compute_mask_overridden:
                previous = kwargs.get("mask") if self._call_has_mask_arg else (
                    collect_masks(args[0]) if args else None)
                if previous is not None or self._compute_mask_overridden:
                    output_mask = self.compute_mask(args[0] if args else None, previous)
                    if output_mask is not None:
                        set_mask(outputs, output_mask)
        finally:
            if outer:
                state.pop_call_context()
        return outputs

    def _convert_input(self, x):
        if isinstance(x, (list, tuple)):
            return type(x)(self._convert_input(item) for item in x)
        if isinstance(x, dict):
            return {key: self._convert_input(value) for key, value in x.items()}
        if isinstance(x, np.ndarray) or (x is not None and not backend.is_tensor(x)
                                         and hasattr(x, "__array__")
                                         and not isinstance(x, backend.Variable)):
            array = np.asarray(x)
            dtype = self.compute_dtype if array.dtype.kind == "f" and self.autocast else None
            return backend.convert_to_tensor(array, dtype=dtype)
        if self.autocast and backend.is_tensor(x):
            dtype = standardize_dtype(x.dtype)
            if dtype != self.compute_dtype and dtype in _FLOAT_DTYPES and \
                    self.compute_dtype in _FLOAT_DTYPES:
                return backend.cast(x, self.compute_dtype)
        return x

    def _symbolic_call(self, args, kwargs, training, explicit_kwargs):
        if not self.built:
            self._maybe_build(args, kwargs)
        if self.input_spec is not None and args:
            assert_input_compatibility(self.input_spec, args[0], self.name)
        with self._autocast_scope():
            outputs = self.compute_output_spec(*args, **kwargs)
        Node(self, call_args=args, call_kwargs=explicit_kwargs, outputs=outputs)
        return outputs

    def _autocast_scope(self):
        """Mixed precision: this call reads its floating weights in the compute dtype.

        A layer without a mixed policy called inside one resets the scope, so its weights
        are read as stored.
        """
        if self.autocast and self.compute_dtype != self.variable_dtype:
            return state.AutocastScope(self.compute_dtype)
        if state._autocast_stack and state._autocast_stack[-1] is not None:
            return state.AutocastScope(None)
        return _NO_AUTOCAST

    def compute_output_spec(self, *args, **kwargs):
        if type(self).compute_output_shape is not Layer.compute_output_shape:
            shapes = _shapes_for_build(self, args, kwargs)
            output_shape = self.compute_output_shape(*shapes.values()) if len(shapes) > 1 \
                else self.compute_output_shape(next(iter(shapes.values())))
            return _shape_to_spec(output_shape, self.compute_dtype)
        training = kwargs.get("training")
        context = state.CallContext(self, training)
        state.push_call_context(context)
        try:
            return backend.compute_output_spec(self.call, *args, **kwargs)
        finally:
            state.pop_call_context()

    def compute_output_shape(self, *args, **kwargs):
        """Output shape(s) for the given input shape(s); default traces `call`."""
        specs = [_shape_to_spec(shape, self.compute_dtype) for shape in args]
        output = self.compute_output_spec(*specs, **kwargs)
        return _spec_to_shape(output)

    def compute_mask(self, inputs, mask=None):
        """Output mask; by default the input mask passes through if masking is supported."""
        return mask if self.supports_masking else None

    # ------------------------------------------------------------------ config
    def get_config(self):
        """Constructor arguments that recreate this layer (Keras 3 keys)."""
        from cornu import dtype_policies

        config = {"name": self.name, "trainable": self.trainable,
                  "dtype": dtype_policies.serialize(self._dtype_policy)}
        if self.activity_regularizer is not None:
            from cornu import regularizers

            config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        if type(self).get_config is Layer.get_config and \
                type(self).__init__ is not Layer.__init__:
            config.update(self._auto_config())
        return config

    def _auto_config(self):
        signature = inspect.signature(type(self).__init__)
        bound = signature.bind_partial(self, *self._init_args, **self._init_kwargs)
        arguments = {k: v for k, v in bound.arguments.items() if k != "self"}
        for key, value in list(arguments.items()):
            if signature.parameters[key].kind == inspect.Parameter.VAR_KEYWORD:
                arguments.pop(key)
                arguments.update(value)
        for key in ("name", "trainable", "dtype"):
            arguments.pop(key, None)
        for key, value in arguments.items():
            if not _is_basic_config_value(value):
                raise NotImplementedError(
                    f"Layer {type(self).__name__} has constructor argument {key!r} of type "
                    f"{type(value).__name__}, which cannot be serialized automatically. "
                    "Override get_config() (and from_config() if needed) in this class.")
        return arguments

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        dtype = config.get("dtype")
        if isinstance(dtype, dict):
            from cornu import dtype_policies

            config["dtype"] = dtype_policies.deserialize(dtype)
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


# ---------------------------------------------------------------------------- helpers
def _call_signature(cls, _cache={}):
    signature = _cache.get(cls)
    if signature is None:
        signature = _cache[cls] = inspect.signature(cls.call)
    return signature


def _shape_of(x):
    if x is None:
        return None
    if isinstance(x, (list, tuple)):
        return [_shape_of(item) for item in x]
    if isinstance(x, dict):
        return {key: _shape_of(value) for key, value in x.items()}
    if hasattr(x, "shape"):
        return tuple(None if d is None else int(d) for d in x.shape)
    return None


def _shapes_for_build(layer, args, kwargs):
    """`{"<arg>_shape": shape}` for each tensor argument of the call, in call order."""
    signature = _call_signature(type(layer))
    names = [p.name for p in signature.parameters.values()
             if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    shapes = {}
    for index, value in enumerate(args):
        name = names[index] if index < len(names) else f"arg{index}"
        shape = _shape_of(value)
        if shape is not None or index == 0:
            shapes[f"{name}_shape"] = shape
    for key, value in kwargs.items():
        if key in ("training", "mask"):
            continue
        if backend.is_tensor(value) or isinstance(value, (KerasTensor, np.ndarray)):
            shapes[f"{key}_shape"] = _shape_of(value)
    if len(shapes) == 1:
        return {"input_shape": next(iter(shapes.values()))}
    return shapes


def _shape_to_spec(shape, dtype):
    if isinstance(shape, dict):
        return {k: _shape_to_spec(v, dtype) for k, v in shape.items()}
    if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple, dict)):
        return type(shape)(_shape_to_spec(s, dtype) for s in shape)
    if isinstance(shape, list) and not shape:
        return []
    return KerasTensor(tuple(shape), dtype=dtype)


def _spec_to_shape(spec):
    if isinstance(spec, KerasTensor):
        return spec.shape
    if isinstance(spec, dict):
        return {k: _spec_to_shape(v) for k, v in spec.items()}
    if isinstance(spec, (list, tuple)):
        return type(spec)(_spec_to_shape(s) for s in spec)
    return spec


def _is_basic_config_value(value):
    if isinstance(value, _BASIC_CONFIG_TYPES):
        return True
    if isinstance(value, (list, tuple)):
        return all(_is_basic_config_value(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_basic_config_value(v) for k, v in value.items())
    return False
