"""`EinsumDense`: a dense layer of arbitrary dimensionality described by an einsum equation."""
import re

from cornu import activations, ops
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer
from cornu.layers.weight_options import kernel_bias_config, kernel_bias_options

_PLAIN = re.compile(r"^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)$")
_LEFT_ELIDED = re.compile(r"^\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+)$")
_RIGHT_ELIDED = re.compile(r"^([a-zA-Z]{2,})\.\.\.,([a-zA-Z]+)->([a-zA-Z]{2,})\.\.\.$")


def analyze_einsum_string(equation, bias_axes, input_shape, output_shape):
    """Kernel shape, bias shape and full output shape implied by an EinsumDense equation.

    Args:
        equation: `"ab,bc->ac"`, `"...b,bc->...c"` (left-elided) or `"ab...,bc->ac..."`
            (right-elided).
        bias_axes: output letters that get a bias, or None.
        input_shape: the full input shape (batch first).
        output_shape: the output shape without the batch axis and elided axes.

    Returns:
        `(kernel_shape, bias_shape_or_None, full_output_shape)`.
    """
    equation = equation.replace(" ", "")
    for pattern, elision in ((_PLAIN, None), (_LEFT_ELIDED, "left"), (_RIGHT_ELIDED, "right")):
        match = pattern.match(equation)
        if match:
            break
    else:
        raise ValueError(
            f"EinsumDense: invalid equation {equation!r}; expected the form 'ab,bc->ac', "
            "'...ab,bc->...ac' or 'ab...,bc->ac...'.")
    input_spec, kernel_spec, output_spec = match.groups()
    input_shape = list(input_shape)
    elided = len(input_shape) - len(input_spec)
    if elided < 0 or (elision is None and elided):
        raise ValueError(
            f"EinsumDense: equation {equation!r} expects inputs of rank {len(input_spec)}, "
            f"received input shape {tuple(input_shape)}.")
    partial = [output_shape] if isinstance(output_shape, int) else list(output_shape)
    full_output = [input_shape[0]] + partial
    if elision == "left":
        full_output = [input_shape[0]] + input_shape[1:elided] + partial
    elif elision == "right":
        full_output = full_output + input_shape[len(input_shape) - elided:]

    def position(spec, total_rank, char):
        index = spec.index(char)
        return index + (total_rank - len(spec) if elision == "left" else 0)

    expected = len(output_spec) + (elided if elision else 0)
    if len(full_output) != expected:
        raise ValueError(
            f"EinsumDense: output_shape {tuple(partial)} does not fit equation {equation!r} for "
            f"input shape {tuple(input_shape)}: the output specification {output_spec!r} "
            f"needs {expected} dimensions in all, output_shape gives {len(full_output)} with "
            "the batch and elided axes.")
    for char in output_spec:
        if char not in input_spec and char not in kernel_spec:
            raise ValueError(
                f"EinsumDense: output letter {char!r} of equation {equation!r} appears neither "
                "in the input nor in the kernel specification.")
    for char in input_spec:
        if char in output_spec:
            in_size = input_shape[position(input_spec, len(input_shape), char)]
            out_index = position(output_spec, len(full_output), char)
            out_size = full_output[out_index]
            if out_size is None:
                full_output[out_index] = in_size
            elif in_size is not None and out_size != in_size:
                raise ValueError(
                    f"EinsumDense: input dimension {char!r} has size {in_size} but output_shape "
                    f"gives {out_size} (equation {equation!r}, input shape "
                    f"{tuple(input_shape)}, output shape {tuple(full_output)}).")
    kernel_shape = []
    for char in kernel_spec:
        if char in input_spec:
            kernel_shape.append(input_shape[position(input_spec, len(input_shape), char)])
        elif char in output_spec:
            kernel_shape.append(full_output[position(output_spec, len(full_output), char)])
        else:
            raise ValueError(
                f"EinsumDense: kernel letter {char!r} of equation {equation!r} appears neither "
                "in the input nor in the output specification.")
    bias_shape = None
    if bias_axes is not None:
        for char in bias_axes:
            if char not in output_spec:
                raise ValueError(
                    f"EinsumDense: bias axis {char!r} is not an output letter of equation "
                    f"{equation!r}.")
        first = min(output_spec.find(char) for char in bias_axes)
        bias_shape = [full_output[position(output_spec, len(full_output), c)]
                      if c in bias_axes else 1 for c in output_spec[first:]]
        if elision == "right":
            bias_shape += [1] * elided
    return kernel_shape, bias_shape, full_output


class EinsumDense(Layer):
    """`activation(einsum(equation, inputs, kernel) + bias)`.

    Args:
        equation: e.g. `"ab,bc->ac"` (a Dense layer), `"abc,cd->abd"` (a Dense on the last
            axis of a sequence), `"...b,bc->...c"`.
        output_shape: output shape without batch and elided axes (None entries are inferred
            from the input).
        activation: activation function or name.
        bias_axes: output letters that carry a bias (None: no bias).
        kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
        kernel_constraint, bias_constraint: for the weights.
        lora_rank, lora_alpha, quantization_config: accepted for compatibility; LoRA and
            quantization are not supported yet.

    Example:
        >>> EinsumDense("abc,cd->abd", output_shape=(None, 64), bias_axes="d")(x)  # (b, t, 64)
    """

    def __init__(self, equation, output_shape, activation=None, bias_axes=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, lora_rank=None, lora_alpha=None,
                 quantization_config=None, **kwargs):
        super().__init__(**kwargs)
        if lora_rank or quantization_config is not None:
            raise NotImplementedError(
                "EinsumDense: LoRA (`lora_rank`) and quantization are not supported by cornu "
                "yet.")
        self.equation = equation
        if isinstance(output_shape, int):
            self.partial_output_shape = (output_shape,)
        else:
            self.partial_output_shape = tuple(output_shape)
        self.bias_axes = bias_axes
        self.activation = activations.get(activation)
        kernel_bias_options(self, locals())
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha
        self.quantization_config = quantization_config
        self.bias = None

    def build(self, input_shape):
        kernel_shape, bias_shape, full_output = analyze_einsum_string(
            self.equation, self.bias_axes, input_shape, self.partial_output_shape)
        if any(d is None for d in kernel_shape):
            raise ValueError(
                f"EinsumDense {self.name!r}: the kernel shape {tuple(kernel_shape)} has unknown "
                f"dimensions for input shape {tuple(input_shape)}; specify them in "
                "`output_shape` or give the input known sizes.")
        self.full_output_shape = tuple(full_output)
        self.input_spec = _input_spec_for(self.equation, input_shape)
        self.kernel = self.add_weight(name="kernel", shape=tuple(kernel_shape),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        if bias_shape is not None:
            self.bias = self.add_weight(name="bias", shape=tuple(bias_shape),
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        self.built = True

    def call(self, inputs, training=None):
        outputs = ops.einsum(self.equation, inputs, self.kernel)
        if self.bias is not None:
            outputs = ops.add(outputs, self.bias)
        return self.activation(outputs)

    def compute_output_shape(self, input_shape):
        return tuple(analyze_einsum_string(self.equation, self.bias_axes, input_shape,
                                           self.partial_output_shape)[2])

    def get_config(self):
        config = {
            **super().get_config(),
            "output_shape": self.partial_output_shape,
            "equation": self.equation,
            "activation": activations.serialize(self.activation),
            "bias_axes": self.bias_axes,
            **kernel_bias_config(self),
        }
        config["quantization_config"] = None
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("output_shape"), list):
            config["output_shape"] = tuple(config["output_shape"])
        return super().from_config(config)


def _input_spec_for(equation, input_shape):
    """Fixed sizes of the input axes that meet the kernel (so a later call is checked)."""
    equation = equation.replace(" ", "")
    input_part, kernel_part = equation.split("->")[0].split(",")
    rank = len(input_shape)
    if input_part.startswith("..."):
        letters = input_part[3:]
        positions = {c: i - len(letters) for i, c in enumerate(letters)}
        spec_rank = None
    else:
        letters = input_part.replace("...", "")
        positions = {c: i for i, c in enumerate(letters)}
        spec_rank = rank if "..." not in input_part else None
    axes = {positions[c]: input_shape[positions[c]] for c in letters if c in kernel_part}
    if spec_rank is not None:
        return InputSpec(ndim=spec_rank, axes=axes)
    return InputSpec(min_ndim=len(letters), axes=axes)
