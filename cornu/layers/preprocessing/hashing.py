"""`Hashing`: map strings or integers to `num_bins` buckets with a stable hash.

Without a salt the bucket is FarmHash Fingerprint64 of the value's string form modulo
the bins (TensorFlow's `to_hash_bucket_fast`, as Keras); with a salt it is SipHash-2-4
keyed by the salt (`to_hash_bucket_strong`). Integers are hashed as their decimal string,
as Keras does, so results match Keras's bucket assignments.
"""
import numpy as np

from cornu import backend
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.layers.layer import Layer
from cornu.layers.preprocessing._string_hash import fingerprint64, siphash24

_MODES = ("int", "one_hot", "multi_hot", "count")


class Hashing(Layer):
    """Hash categorical features into `num_bins` integer bins.

    Args:
        num_bins: number of bins (including the mask bin when `mask_value` is set).
        mask_value: a value that maps to bin 0; other values go to bins 1..num_bins-1.
        salt: int or pair of ints; switches to the keyed SipHash ("strong") hash.
        output_mode: `"int"` (bin ids), or `"one_hot"` / `"multi_hot"` / `"count"`.
        sparse: must be False.
    Returns:
        int64 bin ids with the input's shape (`"int"`), or float encodings.
    Example: `Hashing(num_bins=3)([["A"], ["B"], ["C"]])` -> `[[1], [0], [1]]`.
    """

    def __init__(self, num_bins, mask_value=None, salt=None, output_mode="int", sparse=False,
                 **kwargs):
        super().__init__(**kwargs)
        if not isinstance(num_bins, int) or num_bins < 1 or (mask_value is not None and
                                                             num_bins < 2):
            raise ValueError(
                f"Hashing: `num_bins` must be an integer >= 1 (>= 2 with a mask_value), "
                f"received num_bins={num_bins!r}.")
        if output_mode not in _MODES:
            raise ValueError(
                f"Hashing: `output_mode` must be one of {_MODES}, received {output_mode!r}.")
        if sparse:
            raise ValueError("Hashing: sparse=True is not supported by cornu.")
        if salt is None:
            self.salt = None
        elif isinstance(salt, int) and not isinstance(salt, bool):
            self.salt = [salt, salt]
        elif isinstance(salt, (list, tuple)) and len(salt) == 2 and \
                all(isinstance(s, int) for s in salt):
            self.salt = list(salt)
        else:
            raise ValueError(
                f"Hashing: `salt` must be an int or a pair of ints, received {salt!r}.")
        self.num_bins = num_bins
        self.mask_value = mask_value
        self.output_mode = output_mode
        self.sparse = sparse

    def _convert_input(self, x):
        # Strings stay NumPy: engines have no string tensors.
        return x

    def _hash_one(self, value):
        if isinstance(value, bytes):
            data = value
        else:
            if isinstance(value, (np.integer, int)) and not isinstance(value, bool):
                value = str(int(value))
            data = str(value).encode("utf-8")
        if self.salt is None:
            return fingerprint64(data)
        return siphash24(data, self.salt[0] & ((1 << 64) - 1), self.salt[1] & ((1 << 64) - 1))

    def _bins(self, values):
        flat = values.reshape(-1)
        result = np.empty(flat.shape, dtype="int64")
        hashed_bins = self.num_bins if self.mask_value is None else self.num_bins - 1
        for index, value in enumerate(flat):
            if self.mask_value is not None and _equal(value, self.mask_value):
                result[index] = 0
            else:
                bucket = self._hash_one(value) % hashed_bins
                result[index] = bucket if self.mask_value is None else bucket + 1
        return result.reshape(values.shape)

    def call(self, inputs):
        if backend.is_tensor(inputs):
            values = backend.convert_to_numpy(inputs)
        else:
            values = np.asarray(inputs)
        if values.dtype.kind == "f":
            raise ValueError(
                f"Hashing layer {self.name!r}: inputs must be strings or integers, received "
                f"dtype {values.dtype}.")
        if values.dtype.kind == "O":
            values = np.vectorize(
                lambda v: v.decode("utf-8") if isinstance(v, bytes) else v)(values)
        bins = self._bins(values)
        if self.output_mode == "int":
            dtype = "int64" if backend.backend() == "torch" else "int32"
            return backend.convert_to_tensor(bins.astype(dtype))
        return backend.convert_to_tensor(_encode(bins, self.num_bins, self.output_mode),
                                         dtype=self.compute_dtype)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if self.output_mode == "int":
            return input_shape
        if self.output_mode == "one_hot" and (not input_shape or input_shape[-1] != 1):
            return input_shape + (self.num_bins,)
        return input_shape[:-1] + (self.num_bins,)

    def compute_output_spec(self, inputs, *args, **kwargs):
        dtype = "int64" if self.output_mode == "int" else self.compute_dtype
        return KerasTensor(self.compute_output_shape(inputs.shape), dtype=dtype)

    def get_config(self):
        config = super().get_config()
        config.update({"num_bins": self.num_bins, "salt": self.salt,
                       "mask_value": self.mask_value, "output_mode": self.output_mode,
                       "sparse": self.sparse})
        return config


def _equal(value, mask_value):
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    try:
        return bool(value == mask_value)
    except Exception:
        return False


def _encode(bins, depth, mode):
    if bins.ndim == 0:
        bins = bins[None]
    if mode == "one_hot":
        if bins.ndim > 1 and bins.shape[-1] == 1:
            bins = bins[..., 0]
        return np.eye(depth, dtype="float32")[bins]
    single = bins.ndim == 1
    batch = bins[None] if single else bins
    counts = np.zeros(batch.shape[:-1] + (depth,), dtype="float32")
    for index in np.ndindex(batch.shape[:-1]):
        np.add.at(counts[index], batch[index], 1.0)
    if mode == "multi_hot":
        counts = np.minimum(counts, 1.0)
    return counts[0] if single else counts
