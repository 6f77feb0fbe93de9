"""Merge layers: combine a list of tensors element-wise, by concatenation, or by dot product."""
from cornu import ops
from cornu.layers.layer import Layer


def _broadcast_dim(a, b, shapes, layer):
    if a is None or b is None:
        return None
    if a == 1:
        return b
    if b == 1 or a == b:
        return a
    raise ValueError(
        f"{type(layer).__name__} layer {layer.name!r}: inputs have incompatible shapes. "
        f"Received shapes {shapes}.")


class Merge(Layer):
    """Base of element-wise merges: checks shapes, aligns ranks, combines with `_merge`."""

    _MIN_INPUTS = 1

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def _check_inputs(self, shapes):
        if not isinstance(shapes, (list, tuple)) or not shapes or \
                not isinstance(shapes[0], (list, tuple)):
            raise ValueError(
                f"A {type(self).__name__} layer should be called on a list of inputs, "
                f"received input shape {shapes}.")
        if len(shapes) < self._MIN_INPUTS:
            raise ValueError(
                f"A {type(self).__name__} layer should be called on a list of at least "
                f"{self._MIN_INPUTS} inputs, received {len(shapes)} input(s).")

    def _output_shape(self, shapes):
        shapes = [tuple(s) for s in shapes]
        batch_sizes = {s[0] for s in shapes if s and s[0] is not None}
        if len(batch_sizes) > 1:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r}: cannot merge tensors with "
                f"different batch sizes. Received shapes {shapes}.")
        rank = max(len(s) for s in shapes)
        result = None
        for shape in shapes:
            # Lower-rank inputs get new axes after the batch axis (see `call`).
            padded = shape[:1] + (1,) * (rank - len(shape)) + shape[1:] if shape else (1,) * rank
            if result is None:
                result = padded
                continue
            result = tuple(_broadcast_dim(a, b, shapes, self)
                           for a, b in zip(result[1:], padded[1:]))
            result = (next(iter(batch_sizes), None),) + result
        return result

    def build(self, input_shape):
        self._check_inputs(input_shape)
        self._output_shape(input_shape)
        self.built = True

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(
                f"A {type(self).__name__} layer should be called on a list of inputs, "
                f"received a single tensor of shape {tuple(getattr(inputs, 'shape', ()))}.")
        rank = max(len(x.shape) for x in inputs)
        aligned = []
        for x in inputs:
            for _ in range(rank - len(x.shape)):
                x = ops.expand_dims(x, axis=1)
            aligned.append(x)
        return self._merge(aligned)

    def _merge(self, inputs):
        raise NotImplementedError

    def compute_output_shape(self, input_shape):
        self._check_inputs(input_shape)
        return self._output_shape(input_shape)

    def get_config(self):
        # Explicit, so the base class does not try to infer a config from __init__.
        return super().get_config()

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, (list, tuple)) or len(mask) != len(inputs):
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r}: `mask` must be a list with one "
                f"entry per input, received {mask!r}.")
        masks = [ops.expand_dims(m, axis=0) for m in mask if m is not None]
        if not masks:
            return None
        return ops.all(ops.concatenate(masks, axis=0), axis=0)


class Add(Merge):
    """Element-wise sum of a list of tensors of compatible shapes.

    Example:
        >>> Add()([np.ones((2, 3)), np.ones((2, 3))])  # all 2.
    """

    def _merge(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.add(output, x)
        return output


class Subtract(Merge):
    """`inputs[0] - inputs[1]` (exactly two inputs).

    Example:
        >>> Subtract()([np.ones((2, 3)), np.ones((2, 3))])  # all 0.
    """

    _MIN_INPUTS = 2

    def _check_inputs(self, shapes):
        super()._check_inputs(shapes)
        if len(shapes) != 2:
            raise ValueError(
                f"A Subtract layer should be called on exactly 2 inputs, received "
                f"{len(shapes)} inputs.")

    def _merge(self, inputs):
        if len(inputs) != 2:
            raise ValueError(
                f"A Subtract layer should be called on exactly 2 inputs, received "
                f"{len(inputs)} inputs.")
        return ops.subtract(inputs[0], inputs[1])


class Multiply(Merge):
    """Element-wise product of a list of tensors.

    Example:
        >>> Multiply()([np.full((1, 2), 2.0), np.full((1, 2), 3.0)])  # [[6., 6.]]
    """

    def _merge(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.multiply(output, x)
        return output


class Average(Merge):
    """Element-wise mean of a list of tensors.

    Example:
        >>> Average()([np.array([[0.0, 1.0]]), np.array([[2.0, 3.0]])])  # [[1., 2.]]
    """

    def _merge(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.add(output, x)
        return ops.divide(output, len(inputs))


class Maximum(Merge):
    """Element-wise maximum of a list of tensors.

    Example:
        >>> Maximum()([np.array([[0.0, 5.0]]), np.array([[4.0, 2.0]])])  # [[4., 5.]]
    """

    def _merge(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.maximum(output, x)
        return output


class Minimum(Merge):
    """Element-wise minimum of a list of tensors.

    Example:
        >>> Minimum()([np.array([[0.0, 5.0]]), np.array([[4.0, 2.0]])])  # [[0., 2.]]
    """

    def _merge(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.minimum(output, x)
        return output


class Concatenate(Merge):
    """Concatenates a list of tensors along `axis`; other axes must match.

    Args:
        axis: the concatenation axis.

    Example:
        >>> Concatenate()([np.zeros((2, 3)), np.zeros((2, 4))]).shape  # (2, 7)
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def _output_shape(self, shapes):
        shapes = [tuple(s) for s in shapes]
        ranks = {len(s) for s in shapes}
        if len(ranks) > 1:
            raise ValueError(
                f"A Concatenate layer requires inputs of the same rank; received input shapes "
                f"{shapes}.")
        rank = ranks.pop()
        axis = self.axis % rank if rank else 0
        result = list(shapes[0])
        for shape in shapes[1:]:
            for i, (a, b) in enumerate(zip(result, shape)):
                if i == axis:
                    result[i] = None if a is None or b is None else a + b
                elif a is None:
                    result[i] = b
                elif b is not None and a != b:
                    raise ValueError(
                        "A Concatenate layer requires inputs with matching shapes except for "
                        f"the concatenation axis (axis={self.axis}). Received input shapes "
                        f"{shapes}.")
        return tuple(result)

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(
                "A Concatenate layer should be called on a list of inputs, received a single "
                f"tensor of shape {tuple(getattr(inputs, 'shape', ()))}.")
        self._output_shape([tuple(x.shape) for x in inputs])
        return ops.concatenate(list(inputs), axis=self.axis)

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, (list, tuple)) or len(mask) != len(inputs):
            raise ValueError(
                f"Concatenate layer {self.name!r}: `mask` must be a list with one entry per "
                f"input, received {mask!r}.")
        if all(m is None for m in mask):
            return None
        masks = []
        for x, m in zip(inputs, mask):
            if m is None:
                masks.append(ops.ones_like(x, dtype="bool"))
            elif len(m.shape) < len(x.shape):
                masks.append(ops.broadcast_to(ops.expand_dims(m, axis=-1), ops.shape(x)))
            else:
                masks.append(m)
        return ops.any(ops.concatenate(masks, axis=self.axis), axis=-1)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


def batch_dot(x, y, axes=None):
    """Dot product of `x` and `y` sample by sample (axis 0 is the batch axis).

    Args:
        x, y: tensors with rank >= 2 and the same batch size.
        axes: int or pair of ints, the axes of `x` and `y` to contract (never 0). Default:
            the last axis of `x` with the second-to-last of `y` (the last if `y` is 2D).

    Returns:
        A tensor of shape `x.shape minus axes[0]` + `y.shape[1:] minus axes[1]`; at least
        2D (`(batch, 1)` when both inputs are 2D).

    Example:
        >>> batch_dot(np.ones((4, 3)), np.ones((4, 3)), axes=1).shape  # (4, 1)
    """
    x_rank, y_rank = len(x.shape), len(y.shape)
    if x_rank < 2 or y_rank < 2:
        raise ValueError(
            f"batch_dot needs inputs of rank >= 2, received shapes {tuple(x.shape)} and "
            f"{tuple(y.shape)}.")
    if axes is None:
        axes = (x_rank - 1, y_rank - 1 if y_rank == 2 else y_rank - 2)
    elif isinstance(axes, int):
        axes = (axes, axes)
    x_axis, y_axis = axes[0] % x_rank, axes[1] % y_rank
    if x_axis == 0 or y_axis == 0:
        raise ValueError(
            f"batch_dot cannot contract the batch axis 0, received axes={tuple(axes)}.")
    if x.shape[x_axis] is not None and y.shape[y_axis] is not None and \
            x.shape[x_axis] != y.shape[y_axis]:
        raise ValueError(
            f"batch_dot: axis {x_axis} of x (size {x.shape[x_axis]}) and axis {y_axis} of y "
            f"(size {y.shape[y_axis]}) must have the same size. Shapes: {tuple(x.shape)} and "
            f"{tuple(y.shape)}.")
    letters = "bcdefghijklmnopqrstuvwxyz"
    x_letters = ["a"] + [letters[i] for i in range(x_rank - 1)]
    y_letters = ["a"] + [letters[x_rank - 1 + i] for i in range(y_rank - 1)]
    y_letters[y_axis] = x_letters[x_axis]
    out_letters = [c for i, c in enumerate(x_letters) if i != x_axis] + \
        [c for i, c in enumerate(y_letters) if i not in (0, y_axis)]
    equation = f"{''.join(x_letters)},{''.join(y_letters)}->{''.join(out_letters)}"
    result = ops.einsum(equation, x, y)
    if len(result.shape) == 1:
        result = ops.expand_dims(result, axis=1)
    return result


def l2_normalize(x, axis):
    squared = ops.sum(ops.square(x), axis=axis, keepdims=True)
    return ops.multiply(x, ops.rsqrt(ops.maximum(squared, 1e-12)))


class Dot(Merge):
    """Per-sample dot product of two tensors along `axes`.

    Args:
        axes: int or pair of ints (batch axis excluded), the axes to contract.
        normalize: L2-normalize both inputs along `axes` first (cosine similarity).

    Example:
        >>> Dot(axes=1)([np.array([[0.0, 5.0]]), np.array([[4.0, 2.0]])])  # [[10.]]
    """

    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(axes, int):
            if not isinstance(axes, (list, tuple)) or len(axes) != 2 or \
                    not all(isinstance(a, int) for a in axes):
                raise ValueError(
                    f"Dot: `axes` must be an int or a list/tuple of two ints, received "
                    f"axes={axes!r}.")
        self.axes = axes
        self.normalize = normalize
        self.supports_masking = True

    def _check_inputs(self, shapes):
        super()._check_inputs(shapes)
        if len(shapes) != 2:
            raise ValueError(
                f"A Dot layer should be called on exactly 2 inputs, received {len(shapes)}.")

    def _resolved_axes(self, x_rank, y_rank):
        if isinstance(self.axes, int):
            return [self.axes % x_rank, self.axes % y_rank]
        return [self.axes[0] % x_rank, self.axes[1] % y_rank]

    def _output_shape(self, shapes):
        return None

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)) or len(inputs) != 2:
            raise ValueError("A Dot layer should be called on a list of exactly 2 inputs.")
        x, y = inputs
        axes = self._resolved_axes(len(x.shape), len(y.shape))
        if self.normalize:
            x = l2_normalize(x, axes[0])
            y = l2_normalize(y, axes[1])
        return batch_dot(x, y, axes)

    def compute_output_shape(self, input_shape):
        self._check_inputs(input_shape)
        x_shape, y_shape = (list(s) for s in input_shape)
        axes = self._resolved_axes(len(x_shape), len(y_shape))
        if x_shape[axes[0]] is not None and y_shape[axes[1]] is not None and \
                x_shape[axes[0]] != y_shape[axes[1]]:
            raise ValueError(
                f"Dot layer {self.name!r}: incompatible input shapes {tuple(x_shape)} and "
                f"{tuple(y_shape)} along axes {axes}.")
        x_shape.pop(axes[0])
        y_shape.pop(axes[1])
        y_shape.pop(0)
        shape = x_shape + y_shape
        if len(shape) == 1:
            shape += [1]
        return tuple(shape)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        return {**super().get_config(), "axes": self.axes, "normalize": self.normalize}


def add(inputs, **kwargs):
    """Functional form of `Add`: `add([a, b])`."""
    return Add(**kwargs)(inputs)


def subtract(inputs, **kwargs):
    """Functional form of `Subtract`."""
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    """Functional form of `Multiply`."""
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    """Functional form of `Average`."""
    return Average(**kwargs)(inputs)


def maximum(inputs, **kwargs):
    """Functional form of `Maximum`."""
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    """Functional form of `Minimum`."""
    return Minimum(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    """Functional form of `Concatenate`: `concatenate([a, b], axis=-1)`."""
    return Concatenate(axis=axis, **kwargs)(inputs)


def dot(inputs, axes=-1, **kwargs):
    """Functional form of `Dot`: `dot([a, b], axes=1)`."""
    return Dot(axes=axes, **kwargs)(inputs)
