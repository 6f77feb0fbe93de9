"""Random initializers: normal, uniform, truncated normal, variance scaling, orthogonal.

An integer seed (or `None`, which draws one from Python's `random` so that
`cornu.utils.set_random_seed` makes it reproducible) gives the same values on every
call; pass a `cornu.random.SeedGenerator` to get fresh values per call.
"""
import math
import random as python_random

import numpy as np

from cornu import backend, ops
from cornu.backend.common.dtypes import is_float_dtype, standardize_dtype
from cornu.initializers.initializer import Initializer

# Standard deviation of a unit normal truncated to [-2, 2]; dividing by it keeps the
# requested variance after truncation.
_TRUNCATED_STDDEV_CORRECTION = 0.87962566103423978


def _random():
    from cornu import random  # written in parallel with the layers; resolved at call time

    return random


def _float_dtype(dtype, initializer):
    dtype = standardize_dtype(dtype)
    if not is_float_dtype(dtype):
        raise ValueError(
            f"{type(initializer).__name__} only produces floating-point values; "
            f"received dtype={dtype!r}.")
    return dtype


class RandomInitializer(Initializer):
    """Base of the seeded initializers: keeps the seed the user gave for `get_config`."""

    def __init__(self, seed=None):
        if seed is not None and not isinstance(seed, int) and not hasattr(seed, "next"):
            if isinstance(seed, dict):
                raise ValueError(
                    f"{type(self).__name__}: a serialized SeedGenerator is not supported as "
                    f"`seed`; pass an int.")
            raise ValueError(
                f"{type(self).__name__}: `seed` must be None, an int or a SeedGenerator, "
                f"received {seed!r} of type {type(seed).__name__}.")
        self._init_seed = seed
        self.seed = python_random.randint(1, int(1e9)) if seed is None else seed

    def get_config(self):
        return {"seed": self._init_seed if isinstance(self._init_seed, int) else None}


class RandomNormal(RandomInitializer):
    """Samples from a normal distribution.

    Args:
        mean: mean of the samples.
        stddev: standard deviation of the samples.
        seed: int, `None` or a `SeedGenerator`.

    Example:
        >>> RandomNormal(stddev=1.0, seed=1)((2, 3))
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        return _random().normal(tuple(shape), mean=self.mean, stddev=self.stddev,
                                dtype=_float_dtype(dtype, self), seed=self.seed)

    def get_config(self):
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class TruncatedNormal(RandomInitializer):
    """Normal samples redrawn when more than two standard deviations from the mean.

    Args:
        mean: mean of the samples.
        stddev: standard deviation before truncation.
        seed: int, `None` or a `SeedGenerator`.

    Example:
        >>> TruncatedNormal(stddev=0.1, seed=0)((4,))
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        return _random().truncated_normal(tuple(shape), mean=self.mean, stddev=self.stddev,
                                          dtype=_float_dtype(dtype, self), seed=self.seed)

    def get_config(self):
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class RandomUniform(RandomInitializer):
    """Samples uniformly from `[minval, maxval)`.

    Args:
        minval: lower bound.
        maxval: upper bound.
        seed: int, `None` or a `SeedGenerator`.

    Example:
        >>> RandomUniform(-1.0, 1.0, seed=0)((2, 2))
    """

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval = minval
        self.maxval = maxval
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        return _random().uniform(tuple(shape), minval=self.minval, maxval=self.maxval,
                                 dtype=_float_dtype(dtype, self), seed=self.seed)

    def get_config(self):
        return {**super().get_config(), "minval": self.minval, "maxval": self.maxval}


def compute_fans(shape, input_axes=None, output_axes=None):
    """Fan-in and fan-out of a weight shape (dense `(in, out)` or conv `(*kernel, in, out)`).

    Args:
        shape: the weight shape.
        input_axes / output_axes: optional axes whose sizes multiply into the fans
            (for einsum-style kernels); the remaining axes count as receptive field.

    Returns:
        `(fan_in, fan_out)` as ints.
    """
    shape = tuple(int(d) for d in shape)
    if input_axes is not None or output_axes is not None:
        ndim = len(shape)
        ins = [a % ndim for a in (input_axes or [])]
        outs = [a % ndim for a in (output_axes or [])]
        fan_in = math.prod(shape[a] for a in ins) if ins else 1
        fan_out = math.prod(shape[a] for a in outs) if outs else 1
        return fan_in, fan_out
    if not shape:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive_field = math.prod(shape[:-2])
    return shape[-2] * receptive_field, shape[-1] * receptive_field


class VarianceScaling(RandomInitializer):
    """Scale adapted to the weight shape: variance `scale / n`, n from `mode`.

    Args:
        scale: positive scaling factor.
        mode: `"fan_in"`, `"fan_out"` or `"fan_avg"`.
        distribution: `"truncated_normal"`, `"untruncated_normal"` (or `"normal"`) or `"uniform"`.
        seed: int, `None` or a `SeedGenerator`.
        input_axes / output_axes: optional axes defining the fans (see `compute_fans`).

    Example:
        >>> VarianceScaling(scale=2.0, mode="fan_in", distribution="uniform")((3, 4))
    """

    _MODES = ("fan_in", "fan_out", "fan_avg")
    _DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "normal", "uniform")

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
                 input_axes=None, output_axes=None):
        if scale <= 0.0:
            raise ValueError(
                f"VarianceScaling: `scale` must be positive, received scale={scale}.")
        if mode not in self._MODES:
            raise ValueError(
                f"VarianceScaling: `mode` must be one of {self._MODES}, received mode={mode!r}.")
        distribution = distribution.lower()
        if distribution not in self._DISTRIBUTIONS:
            raise ValueError(
                f"VarianceScaling: `distribution` must be one of {self._DISTRIBUTIONS}, "
                f"received distribution={distribution!r}.")
        if distribution == "normal":
            distribution = "untruncated_normal"
        self.scale = scale
        self.mode = mode
        self.distribution = distribution
        self.input_axes = input_axes
        self.output_axes = output_axes
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        dtype = _float_dtype(dtype, self)
        fan_in, fan_out = compute_fans(shape, self.input_axes, self.output_axes)
        if self.mode == "fan_in":
            count = fan_in
        elif self.mode == "fan_out":
            count = fan_out
        else:
            count = (fan_in + fan_out) / 2.0
        variance = self.scale / max(1.0, count)
        shape = tuple(shape)
        if self.distribution == "truncated_normal":
            stddev = math.sqrt(variance) / _TRUNCATED_STDDEV_CORRECTION
            return _random().truncated_normal(shape, mean=0.0, stddev=stddev, dtype=dtype,
                                              seed=self.seed)
        if self.distribution == "untruncated_normal":
            return _random().normal(shape, mean=0.0, stddev=math.sqrt(variance), dtype=dtype,
                                    seed=self.seed)
        limit = math.sqrt(3.0 * variance)
        return _random().uniform(shape, minval=-limit, maxval=limit, dtype=dtype, seed=self.seed)

    def get_config(self):
        return {**super().get_config(), "scale": self.scale, "mode": self.mode,
                "distribution": self.distribution, "input_axes": self.input_axes,
                "output_axes": self.output_axes}


class _PresetVarianceScaling(VarianceScaling):
    """A VarianceScaling with fixed scale/mode/distribution; config has only seed and axes."""

    _PRESET = (1.0, "fan_in", "truncated_normal")

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        scale, mode, distribution = self._PRESET
        super().__init__(scale=scale, mode=mode, distribution=distribution, seed=seed,
                         input_axes=input_axes, output_axes=output_axes)

    def get_config(self):
        return {"seed": self._init_seed if isinstance(self._init_seed, int) else None,
                "input_axes": self.input_axes, "output_axes": self.output_axes}


class GlorotNormal(_PresetVarianceScaling):
    """Truncated normal with `stddev = sqrt(2 / (fan_in + fan_out))` (Glorot & Bengio, 2010).

    Example:
        >>> GlorotNormal(seed=0)((3, 4))
    """

    _PRESET = (1.0, "fan_avg", "truncated_normal")


class GlorotUniform(_PresetVarianceScaling):
    """Uniform in `[-limit, limit]`, `limit = sqrt(6 / (fan_in + fan_out))`.

    Example:
        >>> GlorotUniform(seed=0)((3, 4))
    """

    _PRESET = (1.0, "fan_avg", "uniform")


class HeNormal(_PresetVarianceScaling):
    """Truncated normal with `stddev = sqrt(2 / fan_in)` (He et al., 2015).

    Example:
        >>> HeNormal(seed=0)((3, 4))
    """

    _PRESET = (2.0, "fan_in", "truncated_normal")


class HeUniform(_PresetVarianceScaling):
    """Uniform in `[-limit, limit]`, `limit = sqrt(6 / fan_in)`.

    Example:
        >>> HeUniform(seed=0)((3, 4))
    """

    _PRESET = (2.0, "fan_in", "uniform")


class LecunNormal(_PresetVarianceScaling):
    """Truncated normal with `stddev = sqrt(1 / fan_in)` (LeCun et al., 1998).

    Example:
        >>> LecunNormal(seed=0)((3, 4))
    """

    _PRESET = (1.0, "fan_in", "truncated_normal")


class LecunUniform(_PresetVarianceScaling):
    """Uniform in `[-limit, limit]`, `limit = sqrt(3 / fan_in)`.

    Example:
        >>> LecunUniform(seed=0)((3, 4))
    """

    _PRESET = (1.0, "fan_in", "uniform")


class Orthogonal(RandomInitializer):
    """A (semi-)orthogonal matrix from the QR decomposition of a normal sample, times `gain`.

    Shapes with more than two dimensions are flattened to `(prod(shape[:-1]), shape[-1])`.

    Args:
        gain: multiplicative factor.
        seed: int, `None` or a `SeedGenerator`.

    Example:
        >>> Orthogonal(seed=0)((3, 3))  # q with q.T @ q == I
    """

    def __init__(self, gain=1.0, seed=None):
        self.gain = gain
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        dtype = _float_dtype(dtype, self)
        shape = tuple(int(d) for d in shape)
        if len(shape) < 2:
            raise ValueError(
                f"Orthogonal initializer needs a shape with at least 2 dimensions, "
                f"received shape={shape}.")
        rows = math.prod(shape[:-1])
        cols = shape[-1]
        sample = _random().normal((max(rows, cols), min(rows, cols)), dtype="float32",
                                  seed=self.seed)
        try:
            host_sample = backend.convert_to_numpy(sample)
        except (TypeError, NotImplementedError, RuntimeError):  # traced: stay in the graph
            return self._orthogonalize(sample, rows < cols, shape, dtype)
        # Eagerly, LAPACK on the host avoids one engine compilation per weight shape
        # (seconds on JAX); float32 in and out, like the engine path.
        q, r = np.linalg.qr(host_sample)
        q = q * np.sign(np.diagonal(r))
        if rows < cols:
            q = q.T
        value = (np.float32(self.gain) * q).reshape(shape)
        return backend.convert_to_tensor(value.astype("float32"), dtype=dtype)

    def _orthogonalize(self, sample, transpose, shape, dtype):
        q, r = ops.qr(sample)
        # Fix the sign ambiguity of QR so the result is uniformly distributed.
        q = ops.multiply(q, ops.sign(ops.diagonal(r)))
        if transpose:
            q = ops.transpose(q)
        return ops.cast(ops.multiply(self.gain, ops.reshape(q, shape)), dtype)

    def get_config(self):
        return {**super().get_config(), "gain": self.gain}
