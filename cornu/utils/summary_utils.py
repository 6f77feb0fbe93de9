"""`print_summary`: the table printed by `Model.summary()`.

The rows are collected once (name, type, output shape, parameter count, links)
and then drawn either with rich (box drawing, colours) on an interactive
terminal, or as plain text lines when the output is a file, a pipe or a
user-supplied `print_fn`.
"""
import fnmatch
import io
import sys

import numpy as np

from cornu.backend.common.dtypes import standardize_dtype

_SIZE_UNITS = ("B", "KB", "MB", "GB", "TB")
# bfloat16 and friends are unknown to NumPy; everything else goes through np.dtype.
_ITEMSIZES = {"bfloat16": 2, "float8_e4m3fn": 1, "float8_e5m2": 1, "bool": 1}


class _Row:
    __slots__ = ("name", "type_name", "shape", "params", "trainable", "connected", "depth")

    def __init__(self, name, type_name, shape, params, trainable, connected, depth):
        self.name = name
        self.type_name = type_name
        self.shape = shape
        self.params = params
        self.trainable = trainable
        self.connected = connected
        self.depth = depth

    def cells(self, with_links, with_trainable):
        label = "  " * self.depth + f"{self.name} ({self.type_name})"
        cells = [label, self.shape, self.params]
        if with_links:
            cells.append(", ".join(self.connected) if self.connected else "-")
        if with_trainable:
            cells.append(self.trainable)
        return cells


def readable_memory_size(num_bytes):
    """Format a byte count the way the summary totals do.

    Args:
        num_bytes: a non-negative number of bytes.

    Returns:
        A string such as `"3.54 KB"` (two decimals, powers of 1024).

    Example:

        readable_memory_size(3624)  # "3.54 KB"
    """
    value = float(num_bytes)
    unit = 0
    while value >= 1024 and unit < len(_SIZE_UNITS) - 1:
        value /= 1024
        unit += 1
    return f"{value:.2f} {_SIZE_UNITS[unit]}"


def _itemsize(dtype):
    name = standardize_dtype(dtype)
    if name in _ITEMSIZES:
        return _ITEMSIZES[name]
    try:
        return np.dtype(name).itemsize
    except TypeError:
        return 4


def _count_and_bytes(variables):
    count, size = 0, 0
    seen = set()
    for variable in variables:
        if id(variable) in seen:
            continue
        seen.add(id(variable))
        n = int(np.prod(tuple(variable.shape), dtype=np.int64))
        count += n
        size += n * _itemsize(variable.dtype)
    return count, size


# ------------------------------------------------------------------ graph facts
def _graph_of(model):
    """The Functional graph that holds `model`'s layer calls, or None (subclassed/unbuilt)."""
    from cornu.models.functional import Functional
    from cornu.models.sequential import Sequential

    if isinstance(model, Sequential):
        return model._functional
    if isinstance(model, Functional):
        return model
    return None


def _display_operations(model):
    from cornu.models.functional import Functional
    from cornu.models.sequential import Sequential

    if isinstance(model, Sequential):
        return list(model.layers)
    if isinstance(model, Functional):
        return list(model._operations)
    return list(model.layers) if hasattr(model, "layers") else []


def _type_name(operation):
    op_name = getattr(operation, "op_name", None)
    if op_name is not None:
        return "".join(part.capitalize() for part in op_name.split("_"))
    return type(operation).__name__


def _format_shape(shape):
    return str(tuple(shape))


def _nodes_in_graph(operation, graph):
    if graph is None:
        return []
    own = {id(node) for node in graph._nodes}
    return [node for node in operation._inbound_nodes if id(node) in own]


def _output_shape_text(operation, graph):
    from cornu.layers.core.input_layer import InputLayer

    if isinstance(operation, InputLayer):
        return _format_shape(operation.batch_shape)
    nodes = _nodes_in_graph(operation, graph)
    if not nodes:
        # Layers called outside any graph (subclassed models) have no recorded shape.
        return "?"
    shapes = []
    for node in nodes:
        tensors = node.output_tensors
        if len(tensors) == 1:
            shapes.append(_format_shape(tensors[0].shape))
        else:
            shapes.append("[" + ", ".join(_format_shape(t.shape) for t in tensors) + "]")
    return shapes[0] if len(set(shapes)) == 1 else ", ".join(shapes)


def _local_node_index(operation, node, graph):
    """Index of `node` among the calls of `operation` that belong to `graph`."""
    own = {id(m) for m in graph._nodes}
    kept = [n for n in operation._inbound_nodes if id(n) in own or n.is_input]
    return kept.index(node) if node in kept else node.node_index


def _connections(operation, graph):
    links = []
    for node in _nodes_in_graph(operation, graph):
        for tensor in node.input_tensors:
            history = tensor._keras_history
            if history is None:
                continue
            parent = history.operation
            parent_node = parent._inbound_nodes[history.node_index]
            index = _local_node_index(parent, parent_node, graph)
            links.append(f"{parent.name}[{index}][{history.tensor_index}]")
    return links


def _is_sequential_like(model, graph):
    from cornu.models.sequential import Sequential

    if graph is None or isinstance(model, Sequential):
        return True
    if len(graph._inputs) > 1 or len(graph._outputs) > 1:
        return False
    consumers = {}
    for node in graph._nodes:
        if len(node.input_tensors) > 1:
            return False
        if len(_nodes_in_graph(node.operation, graph)) > 1:
            return False
        for tensor in node.input_tensors:
            consumers[id(tensor)] = consumers.get(id(tensor), 0) + 1
    return all(count <= 1 for count in consumers.values())


def _params_text(operation):
    if not getattr(operation, "built", True):
        return "0 (unbuilt)"
    weights = getattr(operation, "weights", [])
    count, _ = _count_and_bytes(weights)
    return f"{count:,}"


def _trainable_text(operation):
    if not getattr(operation, "weights", None):
        return "-"
    return "Y" if getattr(operation, "trainable", False) else "N"


def _collect_rows(model, expand_nested, depth=0):
    graph = _graph_of(model)
    rows = []
    for operation in _display_operations(model):
        rows.append(_Row(operation.name, _type_name(operation),
                         _output_shape_text(operation, graph), _params_text(operation),
                         _trainable_text(operation), _connections(operation, graph), depth))
        if expand_nested and _is_model(operation):
            rows.extend(_collect_rows(operation, expand_nested, depth + 1))
    return rows


def _is_model(operation):
    from cornu.models.model import Model

    return isinstance(operation, Model)


def _apply_layer_range(rows, layer_range):
    if layer_range is None:
        return rows
    if not isinstance(layer_range, (list, tuple)) or len(layer_range) != 2 or \
            not all(isinstance(item, str) for item in layer_range):
        raise ValueError(
            "summary(): `layer_range` must be a list or tuple of two layer names (start, end), "
            f"received {layer_range!r}.")
    top = [index for index, row in enumerate(rows) if row.depth == 0]
    names = [rows[index].name for index in top]

    def find(pattern, candidates):
        for index in candidates:
            if rows[index].name == pattern or fnmatch.fnmatchcase(rows[index].name, pattern):
                return index
        raise ValueError(
            f"summary(): `layer_range` name {pattern!r} does not match any layer; the layers "
            f"are {names}.")

    start = find(layer_range[0], top)
    end = find(layer_range[1], [index for index in top if index >= start])
    stop = end + 1
    while stop < len(rows) and rows[stop].depth > 0:
        stop += 1
    return rows[start:stop]


# -------------------------------------------------------------------- rendering
def _column_widths(line_length, positions, count):
    if positions is None:
        fractions = {3: (0.45, 0.80, 1.0), 4: (0.33, 0.55, 0.67, 1.0),
                     5: (0.30, 0.50, 0.62, 0.90, 1.0)}.get(count)
        if fractions is None:
            fractions = [(index + 1) / count for index in range(count)]
        positions = list(fractions)
    if len(positions) != count:
        raise ValueError(
            f"summary(): `positions` must have {count} entries (one per column), received "
            f"{list(positions)}.")
    if all(p <= 1 for p in positions):
        positions = [int(line_length * p) for p in positions]
    edges = [0] + [int(p) for p in positions]
    widths = [max(edges[i + 1] - edges[i], 4) for i in range(count)]
    return widths


def _wrap(text, width):
    text = str(text)
    if len(text) <= width:
        return [text]
    pieces, line = [], ""
    for word in text.replace(", ", ", \x00").split("\x00"):
        while len(word) > width:
            if line:
                pieces.append(line)
                line = ""
            pieces.append(word[:width])
            word = word[width:]
        if len(line) + len(word) > width and line:
            pieces.append(line)
            line = word
        else:
            line += word
    if line:
        pieces.append(line)
    return pieces


def _plain_lines(title, headers, rows, widths, footer, right_aligned):
    total = sum(widths) + len(widths) - 1
    lines = [title, "_" * total]

    def render(cells):
        wrapped = [_wrap(cell, width - 1) for cell, width in zip(cells, widths)]
        height = max(len(parts) for parts in wrapped)
        out = []
        for line_index in range(height):
            parts = []
            for column, (chunks, width) in enumerate(zip(wrapped, widths)):
                chunk = chunks[line_index] if line_index < len(chunks) else ""
                parts.append(chunk.rjust(width - 1) if column in right_aligned
                             else chunk.ljust(width - 1))
            out.append(" " + "  ".join(parts).rstrip())
        return out

    lines.extend(render(headers))
    lines.append("=" * total)
    for row in rows:
        lines.extend(render(row))
    lines.append("=" * total)
    lines.extend(footer)
    lines.append("_" * total)
    return lines


def _rich_print(title, headers, rows, widths, footer, right_aligned):
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console(width=sum(widths) + len(widths) + 1, highlight=False)
    table = Table(title=title, title_justify="left", box=box.HEAVY_HEAD, show_lines=True)
    for column, (header, width) in enumerate(zip(headers, widths)):
        table.add_column(header, justify="right" if column in right_aligned else "left",
                         width=max(width - 3, 4), overflow="fold")
    for row in rows:
        table.add_row(*[str(cell) for cell in row])
    console.print(table)
    for line in footer:
        console.print(line, markup=False, highlight=False)


def print_summary(model, line_length=None, positions=None, print_fn=None, expand_nested=False,
                  show_trainable=False, layer_range=None):
    """Print a table of `model`'s layers, output shapes and parameter counts.

    Args:
        model: a built or unbuilt `cornu.Model` (Sequential, Functional or subclassed).
        line_length: total width in characters (default: 98, or more for extra columns).
        positions: right edges of the columns, as fractions of `line_length` or as
            absolute character positions.
        print_fn: called with each line of text instead of printing (no colours, no
            box drawing).
        expand_nested: also list the layers of nested models, indented.
        show_trainable: add a `Trainable` column (`Y`, `N`, or `-` for layers without
            weights).
        layer_range: `(first_name, last_name)` to show only that slice of layers
            (names may use shell wildcards).

    Returns:
        None.

    Example:

        lines = []
        model.summary(print_fn=lines.append)
        # lines[0] == 'Model: "sequential"'
    """
    graph = _graph_of(model)
    with_links = not _is_sequential_like(model, graph)
    headers = ["Layer (type)", "Output Shape", "Param #"]
    if with_links:
        headers.append("Connected to")
    if show_trainable:
        headers.append("Trainable")
    if line_length is None:
        line_length = 98 + (22 if with_links else 0) + (10 if show_trainable else 0)
    widths = _column_widths(line_length, positions, len(headers))
    right_aligned = {2}

    rows = _apply_layer_range(_collect_rows(model, expand_nested), layer_range)
    cells = [row.cells(with_links, show_trainable) for row in rows]

    footer = _footer(model)
    title = f'Model: "{model.name}"'
    use_rich = print_fn is None and _stdout_is_terminal()
    if use_rich:
        _rich_print(title, headers, cells, widths, footer, right_aligned)
        return None
    lines = _plain_lines(title, headers, cells, widths, footer, right_aligned)
    emit = print_fn if print_fn is not None else _print_line
    for line in lines:
        emit(line)
    return None


def _print_line(line):
    print(line, file=sys.stdout)


def _stdout_is_terminal():
    stream = sys.stdout
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, io.UnsupportedOperation):
        return False


def _footer(model):
    trainable, trainable_bytes = _count_and_bytes(getattr(model, "trainable_weights", []))
    frozen, frozen_bytes = _count_and_bytes(getattr(model, "non_trainable_weights", []))
    optimizer_variables = []
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None and getattr(optimizer, "built", False):
        optimizer_variables = list(getattr(optimizer, "variables", []))
    optimized, optimized_bytes = _count_and_bytes(optimizer_variables)
    total = trainable + frozen + optimized
    total_bytes = trainable_bytes + frozen_bytes + optimized_bytes
    lines = [f" Total params: {total:,} ({readable_memory_size(total_bytes)})",
             f" Trainable params: {trainable:,} ({readable_memory_size(trainable_bytes)})",
             f" Non-trainable params: {frozen:,} ({readable_memory_size(frozen_bytes)})"]
    if optimizer_variables:
        lines.append(f" Optimizer params: {optimized:,} ({readable_memory_size(optimized_bytes)})")
    if not getattr(model, "built", True):
        lines.append(
            f" Model {model.name!r} is not built yet: output shapes and parameter counts are "
            "unknown. Call `model.build(input_shape)` or call the model on data first.")
    return lines
