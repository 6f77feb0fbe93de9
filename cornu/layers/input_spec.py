"""`InputSpec`: what a layer accepts (rank, dtype, fixed axes), checked on every call."""
from cornu.backend.common.dtypes import standardize_dtype


class InputSpec:
    """Constraints on one input of a layer.

    Args:
        dtype: expected dtype name, or None.
        shape: full expected shape (None entries are free).
        ndim / max_ndim / min_ndim: rank constraints.
        axes: dict `{axis: size}` of fixed dimension sizes.
        allow_last_axis_squeeze: accept a rank off by one when the last axis is 1.
        name: the input's name, for error messages.
        optional: the input may be None.

    Example: `self.input_spec = InputSpec(min_ndim=2, axes={-1: 16})`.
    """

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None,
                 axes=None, allow_last_axis_squeeze=False, name=None, optional=False):
        self.dtype = standardize_dtype(dtype) if dtype is not None else None
        self.shape = tuple(shape) if shape is not None else None
        self.ndim = len(self.shape) if self.shape is not None else ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.name = name
        self.optional = optional
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        self.axes = {int(k): v for k, v in (axes or {}).items()}

    def get_config(self):
        return {"dtype": self.dtype, "shape": self.shape, "ndim": self.ndim,
                "max_ndim": self.max_ndim, "min_ndim": self.min_ndim, "axes": self.axes}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        parts = [f"{k}={v}" for k, v in self.get_config().items() if v]
        return f"InputSpec({', '.join(parts)})"


def assert_input_compatibility(input_spec, inputs, layer_name):
    """Raise a ValueError naming `layer_name` when `inputs` break `input_spec`."""
    if not input_spec:
        return
    specs = input_spec if isinstance(input_spec, (list, tuple)) else [input_spec]
    if isinstance(inputs, dict):
        inputs = list(inputs.values())
    elif not isinstance(inputs, (list, tuple)):
        inputs = [inputs]
    if len(specs) != len(inputs):
        raise ValueError(
            f"Layer {layer_name!r} expects {len(specs)} input(s), but it received "
            f"{len(inputs)} input tensors.")
    for index, (spec, x) in enumerate(zip(specs, inputs)):
        if spec is None:
            continue
        if x is None:
            if spec.optional:
                continue
            raise ValueError(f"Layer {layer_name!r}: input {index} is None but is not optional.")
        shape = tuple(x.shape)
        rank = len(shape)
        where = f"Input {index} of layer {layer_name!r}"
        if spec.ndim is not None and not spec.allow_last_axis_squeeze and rank != spec.ndim:
            raise ValueError(
                f"{where} is incompatible with the layer: expected ndim={spec.ndim}, "
                f"found ndim={rank}. Full shape received: {shape}")
        if spec.max_ndim is not None and rank > spec.max_ndim:
            raise ValueError(
                f"{where} is incompatible with the layer: expected max_ndim={spec.max_ndim}, "
                f"found ndim={rank}. Full shape received: {shape}")
        if spec.min_ndim is not None and rank < spec.min_ndim:
            raise ValueError(
                f"{where} is incompatible with the layer: expected min_ndim={spec.min_ndim}, "
                f"found ndim={rank}. Full shape received: {shape}")
        if spec.dtype is not None:
            dtype = standardize_dtype(x.dtype)
            if dtype != spec.dtype:
                raise ValueError(
                    f"{where} is incompatible with the layer: expected dtype={spec.dtype}, "
                    f"found dtype={dtype}.")
        for axis, value in spec.axes.items():
            if value is None:
                continue
            if axis >= rank or axis < -rank:
                raise ValueError(
                    f"{where} is incompatible with the layer: expected axis {axis} of input "
                    f"shape to have value {value}, but received input with shape {shape}")
            if shape[axis] is not None and shape[axis] != value:
                raise ValueError(
                    f"{where} is incompatible with the layer: expected axis {axis} of input "
                    f"shape to have value {value}, but received input with shape {shape}")
        if spec.shape is not None:
            for expected, actual in zip(spec.shape, shape):
                if expected is not None and actual is not None and expected != actual:
                    raise ValueError(
                        f"{where} is incompatible with the layer: expected shape={spec.shape}, "
                        f"found shape={shape}")
