"""`plot_model` and `model_to_dot`: draw a model's layer graph with pydot + graphviz."""
import html
import os
import shutil

from cornu.saving.atomic import atomic_write

_FORMATS = ("png", "svg", "pdf", "dot", "jpg", "jpeg", "gif", "ps")


def _current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _require_pydot():
    try:
        import pydot
    except ImportError as error:
        raise ImportError(
            "plot_model() needs the `pydot` package: install it with `pip install pydot` "
            "(and the graphviz system package, e.g. `apt-get install graphviz`).") from error
    return pydot


def _require_graphviz(program="dot"):
    if shutil.which(program) is None:
        raise ImportError(
            f"plot_model() needs the graphviz `{program}` program on PATH: install graphviz "
            "from your system packages (e.g. `apt-get install graphviz` or "
            "`brew install graphviz`).")


def _graph_of(model):
    from cornu.models.functional import Functional
    from cornu.models.sequential import Sequential

    if isinstance(model, Sequential):
        return model._functional
    if isinstance(model, Functional):
        return model
    return None


def _type_name(operation):
    op_name = getattr(operation, "op_name", None)
    if op_name is not None:
        return "".join(part.capitalize() for part in op_name.split("_"))
    return type(operation).__name__


def _shape_text(tensors):
    shapes = [str(tuple(t.shape)) for t in tensors]
    if not shapes:
        return "?"
    return shapes[0] if len(shapes) == 1 else "[" + ", ".join(shapes) + "]"


def _dtype_text(tensors):
    dtypes = [str(t.dtype) for t in tensors]
    if not dtypes:
        return "?"
    return dtypes[0] if len(set(dtypes)) == 1 else "[" + ", ".join(dtypes) + "]"


def _label(operation, node_ids, options):
    """An HTML-like graphviz label: title row, then optional shape/dtype/activation rows."""
    title = []
    if options["show_layer_names"]:
        title.append(f"<b>{html.escape(operation.name)}</b>")
        title.append(f"({html.escape(_type_name(operation))})")
    else:
        title.append(f"<b>{html.escape(_type_name(operation))}</b>")
    rows = [f'<tr><td colspan="2" bgcolor="#dbe7f4">{" ".join(title)}</td></tr>']

    nodes = [n for n in operation._inbound_nodes if id(n) in node_ids or
             (node_ids and n.is_input)]
    inputs = [t for n in nodes for t in n.input_tensors]
    outputs = [t for n in nodes for t in n.output_tensors]
    if options["show_shapes"]:
        if inputs:
            rows.append(f"<tr><td>Input shape</td><td>{html.escape(_shape_text(inputs))}</td></tr>")
        rows.append(f"<tr><td>Output shape</td><td>{html.escape(_shape_text(outputs))}</td></tr>")
    if options["show_dtype"]:
        if inputs:
            rows.append(f"<tr><td>Input dtype</td><td>{html.escape(_dtype_text(inputs))}</td></tr>")
        rows.append(f"<tr><td>Output dtype</td><td>{html.escape(_dtype_text(outputs))}</td></tr>")
    if options["show_layer_activations"]:
        activation = getattr(operation, "activation", None)
        if activation is not None:
            name = getattr(activation, "__name__", type(activation).__name__)
            rows.append(f"<tr><td>Activation</td><td>{html.escape(name)}</td></tr>")
    if options["show_trainable"] and getattr(operation, "weights", None):
        flag = "Yes" if getattr(operation, "trainable", False) else "No"
        rows.append(f"<tr><td>Trainable</td><td>{flag}</td></tr>")
    table = "".join(rows)
    return f'<<table border="0" cellborder="1" cellspacing="0" cellpadding="4">{table}</table>>'


def _is_expandable(operation):
    from cornu.models.model import Model

    return isinstance(operation, Model) and _graph_of(operation) is not None


def _add_graph(dot, pydot, model, options, prefix, depth):
    """Add `model`'s operations to `dot`; return (entry node ids, exit node ids) per op."""
    graph = _graph_of(model)
    node_ids = {id(n) for n in graph._nodes}
    entries, exits = {}, {}
    for operation in graph._operations:
        key = f"{prefix}{id(operation)}"
        if options["expand_nested"] and _is_expandable(operation):
            cluster = pydot.Cluster(f"cluster_{key}", label=html.escape(operation.name),
                                    style="dashed")
            inner_entries, inner_exits = _add_graph(cluster, pydot, operation, options,
                                                    f"{key}_", depth + 1)
            dot.add_subgraph(cluster)
            inner = _graph_of(operation)
            entries[id(operation)] = [node for t in inner._inputs
                                      for node in inner_entries[id(t._keras_history.operation)]]
            exits[id(operation)] = [node for t in inner._outputs
                                    for node in inner_exits[id(t._keras_history.operation)]]
            continue
        dot.add_node(pydot.Node(key, label=_label(operation, node_ids, options), shape="plaintext"))
        entries[id(operation)] = [key]
        exits[id(operation)] = [key]

    drawn = set()
    for node in graph._nodes:
        targets = entries[id(node.operation)]
        for tensor in node.input_tensors:
            parent = tensor._keras_history.operation
            for source in exits.get(id(parent), []):
                for target in targets:
                    if (source, target) not in drawn:
                        drawn.add((source, target))
                        dot.add_edge(pydot.Edge(source, target))
    return entries, exits


def model_to_dot(model, show_shapes=False, show_dtype=False, show_layer_names=True,
                 rankdir="TB", expand_nested=False, dpi=200, subgraph=False,
                 show_layer_activations=False, show_trainable=False, **kwargs):
    """Build a `pydot.Dot` graph of `model`'s layers and their connections.

    Args:
        model: a built Sequential or Functional model (a subclassed model is drawn as
            one box per sublayer, without edges, since its wiring is Python code).
        show_shapes: add input/output shapes to each box.
        show_dtype: add input/output dtypes to each box.
        show_layer_names: show layer names (otherwise only the class names).
        rankdir: graphviz layout direction: `"TB"` (top to bottom) or `"LR"`.
        expand_nested: draw nested models' layers inside a dashed cluster.
        dpi: image resolution in dots per inch.
        subgraph: return a `pydot.Cluster` instead of a `pydot.Dot`.
        show_layer_activations: add the activation of layers that have one.
        show_trainable: add whether each layer with weights is trainable.

    Returns:
        A `pydot.Dot` (or `pydot.Cluster`) instance.

    Example:

        dot = cornu.utils.model_to_dot(model, show_shapes=True)
        print(dot.to_string())
    """
    if kwargs:
        raise TypeError(f"model_to_dot() got unexpected keyword arguments {sorted(kwargs)}.")
    if rankdir not in ("TB", "LR", "BT", "RL"):
        raise ValueError(
            f"model_to_dot(): `rankdir` must be 'TB', 'LR', 'BT' or 'RL', received {rankdir!r}.")
    if not getattr(model, "built", False):
        raise ValueError(
            f"model_to_dot(): model {model.name!r} is not built yet, so its layer graph is "
            "unknown. Call `model.build(input_shape)` or call it on data first.")
    pydot = _require_pydot()
    options = {"show_shapes": show_shapes, "show_dtype": show_dtype,
               "show_layer_names": show_layer_names, "expand_nested": expand_nested,
               "show_layer_activations": show_layer_activations,
               "show_trainable": show_trainable}
    if subgraph:
        dot = pydot.Cluster(style="dashed", graph_name=model.name)
        dot.set("label", model.name)
    else:
        dot = pydot.Dot(graph_type="digraph")
        dot.set("rankdir", rankdir)
        dot.set("concentrate", True)
        dot.set("dpi", dpi)
    dot.set_node_defaults(shape="plaintext", fontname="Helvetica", fontsize="11")

    if _graph_of(model) is not None:
        _add_graph(dot, pydot, model, options, "n", 0)
        return dot
    # A subclassed model: its call() is arbitrary Python, so only the parts are known.
    for layer in model.layers:
        dot.add_node(pydot.Node(f"n{id(layer)}", label=_label(layer, set(), options)))
    return dot


def plot_model(model, to_file="model.png", show_shapes=False, show_dtype=False,
               show_layer_names=True, rankdir="TB", expand_nested=False, dpi=200,
               show_layer_activations=False, show_trainable=False, **kwargs):
    """Draw `model` to an image file with graphviz.

    Args:
        model: a built Sequential or Functional model.
        to_file: output path; the extension picks the format (png, svg, pdf, dot, ...).
        show_shapes, show_dtype, show_layer_names, rankdir, expand_nested, dpi,
        show_layer_activations, show_trainable: see `model_to_dot`.

    Returns:
        An `IPython.display.Image` of a PNG/JPEG file when IPython is installed,
        otherwise None.

    Example:

        cornu.utils.plot_model(model, "model.png", show_shapes=True, dpi=96)
    """
    extension = os.path.splitext(os.fspath(to_file))[1].lower().lstrip(".") or "png"
    if extension not in _FORMATS:
        raise ValueError(
            f"plot_model(): unsupported file extension {extension!r} in to_file={to_file!r}; "
            f"expected one of {list(_FORMATS)}.")
    dot = model_to_dot(model, show_shapes=show_shapes, show_dtype=show_dtype,
                       show_layer_names=show_layer_names, rankdir=rankdir,
                       expand_nested=expand_nested, dpi=dpi,
                       show_layer_activations=show_layer_activations,
                       show_trainable=show_trainable, **kwargs)
    if extension == "dot":
        content = dot.to_string().encode("utf-8")
    else:
        _require_graphviz("dot")
        try:
            content = dot.create(prog="dot", format=extension)
        except Exception as error:
            raise RuntimeError(
                f"plot_model(): graphviz failed to render {to_file!r}: {error}") from error
    with atomic_write(to_file, "wb") as handle:
        handle.write(content)
        # The temporary file is created private (0600); give the image normal permissions.
        os.fchmod(handle.fileno(), 0o666 & ~_current_umask())
    if extension in ("png", "jpg", "jpeg"):
        try:
            from IPython import display
        except ImportError:
            return None
        return display.Image(filename=os.fspath(to_file))
    return None
