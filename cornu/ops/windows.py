"""Window functions (`bartlett`, `blackman`, `hamming`, `hanning`, `kaiser`).

They depend only on the (static) window length, so they are computed with NumPy
and returned as floatx tensors.

    >>> from cornu import ops
    >>> ops.hanning(4)   # [0., 0.75, 0.75, 0.]
"""
import numpy as _np

from cornu import backend
from cornu.backend import engine


def _window(values):
    return engine.core.convert_to_tensor(values.astype(backend.floatx()))


def _check_window_length(name, x):
    if isinstance(x, bool) or not isinstance(x, (int, _np.integer)):
        raise ValueError(f"`{name}`: the window length must be an int, received {x!r}.")
    return int(x)


def bartlett(x):
    """Bartlett (triangular) window of length `x`."""
    return _window(_np.bartlett(_check_window_length("bartlett", x)))


def blackman(x):
    """Blackman window of length `x`."""
    return _window(_np.blackman(_check_window_length("blackman", x)))


def hamming(x):
    """Hamming window of length `x`."""
    return _window(_np.hamming(_check_window_length("hamming", x)))


def hanning(x):
    """Hann window of length `x`."""
    return _window(_np.hanning(_check_window_length("hanning", x)))


def kaiser(x, beta):
    """Kaiser window of length `x` with shape parameter `beta`."""
    return _window(_np.kaiser(_check_window_length("kaiser", x), float(beta)))
