"""`Normalization`: shift and scale features to zero mean and unit variance."""
import numpy as np

from cornu import backend, ops
from cornu.layers.layer import Layer


class Normalization(Layer):
    """Feature-wise `(x - mean) / sqrt(var)`, with statistics given or learned by `adapt`.

    Args:
        axis: axis (or tuple of axes) that keep separate statistics, e.g. -1 for one mean
            per feature; None for a single scalar mean and variance.
        mean / variance: precomputed statistics (both or neither), broadcastable to the
            kept axes; otherwise call `adapt(data)` before use.
        invert: apply the inverse transform `x * sqrt(var) + mean`.

    Weights (when `mean` is not given): non-trainable `mean`, `variance` (kept-axes shape)
    and `count` (scalar int), as Keras.
    Example:
        layer = Normalization(); layer.adapt(np.array([[0.0], [2.0]]))
        layer(np.array([[2.0]]))  # [[1.0]]
    """

    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        elif isinstance(axis, int):
            axis = (axis,)
        else:
            axis = tuple(axis)
        self.axis = axis
        if (mean is None) != (variance is None):
            raise ValueError(
                "Normalization: when setting statistics directly, both `mean` and `variance` "
                f"must be given, received mean={mean!r} and variance={variance!r}.")
        self.input_mean = mean
        self.input_variance = variance
        self.invert = invert
        self.supports_masking = True

    def build(self, input_shape):
        ndim = len(input_shape)
        for axis in self.axis:
            if axis >= ndim or axis < -ndim:
                raise ValueError(
                    f"Normalization layer {self.name!r}: axis {axis} is out of range for "
                    f"inputs of rank {ndim} (input shape {tuple(input_shape)}).")
        self._keep_axis = sorted(a % ndim for a in self.axis)
        for axis in self._keep_axis:
            if input_shape[axis] is None:
                raise ValueError(
                    f"Normalization layer {self.name!r}: every kept axis must have a known "
                    f"size; axis {axis} of input shape {tuple(input_shape)} is None.")
        self._reduce_axis = tuple(a for a in range(ndim) if a not in self._keep_axis)
        self._broadcast_shape = tuple(
            input_shape[a] if a in self._keep_axis else 1 for a in range(ndim))
        stats_shape = tuple(input_shape[a] for a in self._keep_axis)
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(
                name="mean", shape=stats_shape, initializer="zeros", trainable=False)
            self.adapt_variance = self.add_weight(
                name="variance", shape=stats_shape, initializer="ones", trainable=False)
            # Kept for weight-file compatibility with Keras (its layout has a count); int32
            # because JAX without x64 cannot hold int64.
            self.count = self.add_weight(
                name="count", shape=(), dtype="int32", initializer="zeros", trainable=False)
        else:
            self._fixed_mean = self._fixed_stat(self.input_mean, "mean")
            self._fixed_variance = self._fixed_stat(self.input_variance, "variance")
        self.built = True

    def _fixed_stat(self, value, arg_name):
        array = np.asarray(value, dtype="float64")
        stats_shape = tuple(self._broadcast_shape[a] for a in self._keep_axis)
        try:
            array = np.broadcast_to(array, stats_shape)
        except ValueError:
            raise ValueError(
                f"Normalization layer {self.name!r}: `{arg_name}` of shape {array.shape} "
                f"cannot be broadcast to the kept axes' shape {stats_shape}.") from None
        return np.reshape(array, self._broadcast_shape).astype(self.compute_dtype)

    def _statistics(self):
        if self.input_mean is not None:
            return self._fixed_mean, self._fixed_variance
        mean = ops.reshape(ops.cast(self.adapt_mean, self.compute_dtype), self._broadcast_shape)
        variance = ops.reshape(ops.cast(self.adapt_variance, self.compute_dtype),
                               self._broadcast_shape)
        return mean, variance

    def call(self, inputs):
        inputs = ops.cast(inputs, self.compute_dtype)
        mean, variance = self._statistics()
        std = ops.maximum(ops.sqrt(variance), backend.epsilon())
        if self.invert:
            return ops.add(mean, ops.multiply(inputs, std))
        return ops.divide(ops.subtract(inputs, mean), std)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def adapt(self, data):
        """Compute mean and variance over `data` (an array, or an iterable of batches).

        Args:
            data: NumPy array / tensor, or an iterable (generator, `PyDataset`, ...)
                yielding arrays or `(x, ...)` tuples.
        """
        if self.input_mean is not None:
            raise ValueError(
                f"Normalization layer {self.name!r}: `adapt` cannot be used when `mean` and "
                "`variance` were passed to the constructor.")
        count, mean, m2 = 0, None, None
        for batch in _batches(data):
            if not self.built:
                self.build(batch.shape)
                self._build_shapes_dict = {"input_shape": tuple(batch.shape)}
            if batch.ndim != len(self._broadcast_shape):
                raise ValueError(
                    f"Normalization layer {self.name!r}: adapt() received a batch of shape "
                    f"{batch.shape}, expected rank {len(self._broadcast_shape)}.")
            batch_count = int(np.prod([batch.shape[a] for a in self._reduce_axis]))
            if batch_count == 0:
                continue
            batch_mean = batch.mean(axis=self._reduce_axis)
            batch_m2 = ((batch - batch.mean(axis=self._reduce_axis, keepdims=True)) ** 2).sum(
                axis=self._reduce_axis)
            if mean is None:
                count, mean, m2 = batch_count, batch_mean, batch_m2
                continue
            # Chan et al.'s pairwise update keeps the variance exact across batches.
            total = count + batch_count
            delta = batch_mean - mean
            mean = mean + delta * batch_count / total
            m2 = m2 + batch_m2 + delta ** 2 * count * batch_count / total
            count = total
        if mean is None:
            raise ValueError(f"Normalization layer {self.name!r}: adapt() received no data.")
        self.adapt_mean.assign(np.asarray(mean, self.adapt_mean.dtype))
        self.adapt_variance.assign(np.asarray(m2 / count, self.adapt_variance.dtype))
        self.count.assign(np.asarray(count, "int32"))

    def get_config(self):
        config = super().get_config()
        config.update({
            "axis": self.axis,
            "invert": self.invert,
            "mean": np.array(self.input_mean).tolist() if self.input_mean is not None
            else None,
            "variance": np.array(self.input_variance).tolist()
            if self.input_variance is not None else None,
        })
        return config


def _batches(data):
    """Yield float64 NumPy batches from an array, tensor or iterable of batches."""
    if isinstance(data, np.ndarray) or backend.is_tensor(data):
        yield np.asarray(backend.convert_to_numpy(data), dtype="float64")
        return
    if isinstance(data, (list, tuple)) and data and not hasattr(data[0], "shape"):
        yield np.asarray(data, dtype="float64")
        return
    try:
        iterator = iter(data)
    except TypeError:
        raise ValueError(
            "Normalization.adapt expects an array, a tensor or an iterable of batches, "
            f"received {type(data).__name__}.") from None
    for item in iterator:
        if isinstance(item, (tuple, list)) and not isinstance(item, np.ndarray) and item and \
                hasattr(item[0], "shape"):
            item = item[0]
        yield np.asarray(backend.convert_to_numpy(item) if backend.is_tensor(item) else item,
                         dtype="float64")
