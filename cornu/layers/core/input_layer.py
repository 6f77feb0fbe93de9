"""`InputLayer` and `Input()`: the entry points of a Functional graph."""
from cornu.backend.common.dtypes import standardize_dtype
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.layers.layer import Layer
from cornu.ops.node import Node


class InputLayer(Layer):
    """Holds the symbolic tensor a Functional model starts from.

    Args:
        shape: shape without the batch dimension.
        batch_size: optional fixed batch size.
        dtype: input dtype (default floatx).
        batch_shape: full shape including batch (alternative to `shape`).
        input_tensor: an existing KerasTensor to wrap.
        sparse / ragged: not supported (must be False).
        name: layer (and input) name.
        optional: the model accepts None for this input.
    """

    def __init__(self, shape=None, batch_size=None, dtype=None, sparse=None, ragged=None,
                 batch_shape=None, input_tensor=None, optional=False, name=None, **kwargs):
        kwargs.pop("input_shape", None)
        super().__init__(name=name, **kwargs)
        if sparse or ragged:
            raise ValueError(f"InputLayer {self.name!r}: sparse and ragged inputs are not "
                             "supported by cornu.")
        if shape is not None and batch_shape is not None:
            raise ValueError("InputLayer: pass either `shape` or `batch_shape`, not both.")
        if input_tensor is not None:
            if not isinstance(input_tensor, KerasTensor):
                raise TypeError(f"InputLayer: `input_tensor` must be a KerasTensor, received "
                                f"{type(input_tensor).__name__}.")
            batch_shape = input_tensor.shape
            dtype = dtype or input_tensor.dtype
        if batch_shape is None:
            if shape is None:
                raise ValueError("InputLayer needs `shape` (or `batch_shape`).")
            if isinstance(shape, int):
                shape = (shape,)
            batch_shape = (batch_size,) + tuple(shape)
        self._batch_shape = tuple(None if d is None else int(d) for d in batch_shape)
        self._input_dtype = standardize_dtype(dtype)
        self.sparse = False
        self.ragged = False
        self.optional = bool(optional)
        self.built = True
        if input_tensor is None:
            input_tensor = KerasTensor(self._batch_shape, dtype=self._input_dtype, name=self.name)
        Node(self, call_args=(), call_kwargs={}, outputs=input_tensor)
        self.output_tensor = input_tensor

    @property
    def batch_shape(self):
        return self._batch_shape

    @property
    def dtype(self):
        return self._input_dtype

    def call(self):
        return None

    def get_config(self):
        return {"batch_shape": list(self._batch_shape), "dtype": self._input_dtype,
                "sparse": False, "ragged": False, "name": self.name,
                "optional": self.optional}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config.pop("trainable", None)
        if "batch_input_shape" in config:  # Keras 2 files
            config["batch_shape"] = config.pop("batch_input_shape")
        return cls(**config)


def Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None,
          tensor=None, optional=False):
    """A symbolic input tensor for building Functional models.

    Example: `x = cornu.Input(shape=(64,)); y = cornu.layers.Dense(10)(x)`.
    """
    layer = InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, sparse=sparse,
                       batch_shape=batch_shape, name=name, input_tensor=tensor,
                       optional=optional)
    return layer.output_tensor
