"""`cornu.ops`: the public, backend-agnostic operations (Keras 3 `keras.ops` names).

Each family module (`core`, `numpy`, `nn`, `math`, `linalg`, `image`) defines its ops
with `cornu.ops.dispatch`; this namespace re-exports them (image ops stay under
`cornu.ops.image`, as in Keras).
"""
from cornu.ops import core, image, linalg, math, nn, numpy, windows  # noqa: F401
from cornu.ops.operation import Operation  # noqa: F401
from cornu.ops.core import (  # noqa: F401,A004
    associative_scan, cast, cond, convert_to_numpy, convert_to_tensor, custom_gradient,
    dtype, fori_loop, is_tensor, map, ndim, result_type, saturate_cast, scan, scatter,
    scatter_update, shape, size, slice, slice_update, stop_gradient, switch, unstack,
    vectorized_map, while_loop,
)
from cornu.ops.numpy import (  # noqa: F401,A004
    angle, corrcoef, correlate, isin, isneginf, isposinf, isreal, logaddexp2, trapezoid, vander,
    vectorize, abs, absolute, add, all, allclose, amax, amin, any, append, arange, arccos, arccosh,
    arcsin, arcsinh, arctan, arctan2, arctanh, argmax, argmin, argpartition, argsort,
    argwhere, array, array_split, atleast_1d, atleast_2d, atleast_3d, average, bincount,
    bitwise_and, bitwise_invert, bitwise_left_shift, bitwise_not, bitwise_or,
    bitwise_right_shift, bitwise_xor, broadcast_to, cbrt, ceil, clip, concatenate, conj,
    conjugate, copy, copysign, cos, cosh, count_nonzero, cross, cumprod, cumsum,
    deg2rad, diag, diagflat, diagonal, diff, digitize, divide, divide_no_nan, dot,
    dstack, einsum, empty, empty_like, equal, exp, exp2, expand_dims, expm1, eye, flip,
    float_power, floor, floor_divide, full, full_like, gcd, geomspace, get_item,
    greater, greater_equal, heaviside, histogram, hstack, hypot, identity, imag, inner,
    isclose, isfinite, isinf, isnan, kron, lcm, ldexp, left_shift, less, less_equal,
    linspace, log, log10, log1p, log2, logaddexp, logical_and, logical_not, logical_or,
    logical_xor, logspace, logsumexp, matmul, max, maximum, mean, median, meshgrid, min,
    minimum, mod, moveaxis, multiply, nan_to_num, negative, nextafter, nonzero,
    not_equal, ones, ones_like, outer, pad, percentile, power, prod, ptp, quantile,
    rad2deg, ravel, real, reciprocal, repeat, reshape, right_shift, roll, rot90, round,
    searchsorted, select, sign, signbit, sin, sinc, sinh, sort, split, sqrt, square,
    squeeze, stack, std, subtract, sum, swapaxes, take, take_along_axis, tan, tanh,
    tensordot, tile, trace, transpose, tri, tril, tril_indices, triu, triu_indices,
    true_divide, trunc, unique_values, unravel_index, var, vdot, vstack, where, zeros,
    zeros_like,
)
from cornu.ops.math import (  # noqa: F401,A004
    istft, stft,
    erf, erfinv, extract_sequences, fft, fft2, ifft2, in_top_k, irfft, logdet, rfft,
    rsqrt, segment_max, segment_sum, top_k,
)
from cornu.ops.nn import (  # noqa: F401,A004
    ctc_decode,
    layer_normalization, rms_normalization,
    average_pool, batch_normalization, binary_crossentropy, categorical_crossentropy,
    celu, conv, conv_transpose, ctc_loss, depthwise_conv, dot_product_attention, elu,
    gelu, glu, hard_shrink, hard_sigmoid, hard_silu, hard_swish, hard_tanh, leaky_relu,
    log_sigmoid, log_softmax, max_pool, moments, multi_hot, normalize, one_hot, psnr,
    relu, relu6, selu, separable_conv, sigmoid, silu, soft_shrink, softmax, softplus,
    softsign, sparse_categorical_crossentropy, sparse_plus, sparsemax, squareplus,
    swish, tanh_shrink, threshold,
)
from cornu.ops.linalg import (  # noqa: F401,A004
    cholesky_inverse,
    cholesky, det, eig, eigh, inv, lstsq, lu_factor, norm, qr, slogdet, solve,
    solve_triangular, svd,
)
from cornu.ops.windows import bartlett, blackman, hamming, hanning, kaiser  # noqa: F401
