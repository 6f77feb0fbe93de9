"""Inference programs for `cornu.export` on PyTorch: `torch.export` graphs, no Python classes.

`fn(weights, inputs) -> list of outputs` is traced once into an `ExportedProgram`
whose batch (and other unknown) dimensions stay symbolic; the program is
serialized to bytes and reloaded without the model's source code.
"""
import io

import torch


class _ProgramModule(torch.nn.Module):
    def __init__(self, fn):
        super().__init__()
        self._fn = fn

    def forward(self, weights, inputs):
        return list(self._fn(list(weights), list(inputs)))


def _dynamic_shapes(weight_values, input_specs):
    batch = torch.export.Dim("batch")
    input_dims = []
    for index, (shape, _) in enumerate(input_specs):
        dims = {}
        for axis, size in enumerate(shape):
            if size is None:
                dims[axis] = batch if axis == 0 else torch.export.Dim(f"input{index}_axis{axis}")
        input_dims.append(dims or None)
    return ([None] * len(weight_values), input_dims)


def _example_inputs(input_specs):
    # Size 2 (not 0/1): torch specializes dimensions of size 0 and 1 to constants.
    examples = []
    for shape, dtype in input_specs:
        concrete = tuple(2 if size is None else int(size) for size in shape)
        examples.append(torch.zeros(concrete, dtype=getattr(torch, dtype)))
    return examples


def export_program(fn, weight_values, input_specs):
    """Trace `fn(weights, inputs)` into a serialized program.

    Args:
        fn: callable taking a list of weight tensors and a list of input tensors and
            returning a list of output tensors.
        weight_values: the current weight tensors (their shapes are fixed).
        input_specs: `(shape, dtype)` per input; `None` dimensions stay dynamic.

    Returns:
        The serialized program as bytes.

    Example:

        data = export_program(fn, weights, [((None, 64), "float32")])
    """
    weights = [torch.as_tensor(w).detach() for w in weight_values]
    examples = _example_inputs(input_specs)
    module = _ProgramModule(fn)
    with torch.no_grad():
        program = torch.export.export(
            module, (weights, examples),
            dynamic_shapes=_dynamic_shapes(weights, input_specs), strict=False)
    buffer = io.BytesIO()
    torch.export.save(program, buffer)
    return buffer.getvalue()


def load_program(data):
    """Rebuild a callable `(weights, inputs) -> list of outputs` from `export_program` bytes."""
    program = torch.export.load(io.BytesIO(data))
    module = program.module()

    def run(weights, inputs):
        with torch.no_grad():
            return list(module(list(weights), list(inputs)))

    return run


def program_suffix():
    """File name suffix of a serialized program."""
    return ".pt2"
