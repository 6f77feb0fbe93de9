"""`clone_model`: the same architecture with freshly initialized weights."""
import optree

from cornu.backend.common.keras_tensor import KerasTensor


def _is_kt(value):
    return isinstance(value, KerasTensor)


def _default_clone(layer):
    return layer.__class__.from_config(layer.get_config())


def _flat_tensors(structure):
    return optree.tree_leaves(structure, is_leaf=_is_kt, none_is_leaf=True)


def clone_model(model, input_tensors=None, clone_function=None, call_function=None,
                recursive=False, **kwargs):
    """Make a new model with `model`'s architecture and new, freshly initialized weights.

    Args:
        model: a Sequential, Functional or subclassed `cornu.Model`.
        input_tensors: optional symbolic tensor(s) (from `cornu.Input`) to build the
            clone on instead of new inputs; same structure as `model.inputs`.
        clone_function: `fn(layer) -> new_layer` used for every layer except inputs
            (default: `layer.__class__.from_config(layer.get_config())`). Return the
            layer itself to share it (and its weights) with the clone.
        call_function: `fn(layer, *args, **kwargs) -> outputs` used to call each cloned
            layer while rebuilding a Functional graph (default: `layer(*args, **kwargs)`).
        recursive: clone nested Sequential/Functional models with `clone_model` (same
            arguments) instead of `clone_function`.

    Returns:
        The new model (not compiled).

    Example:

        twin = cornu.models.clone_model(model)
        twin.set_weights(model.get_weights())
    """
    from cornu.models.functional import Functional
    from cornu.models.model import Model
    from cornu.models.sequential import Sequential

    if kwargs:
        raise TypeError(f"clone_model() got unexpected keyword arguments {sorted(kwargs)}.")
    if not isinstance(model, Model):
        raise TypeError(
            "clone_model() expects a cornu Model (Sequential, Functional or subclassed), "
            f"received {type(model).__name__}.")
    if clone_function is not None and not callable(clone_function):
        raise TypeError(
            f"clone_model(): `clone_function` must be callable, received {clone_function!r}.")
    if call_function is not None and not callable(call_function):
        raise TypeError(
            f"clone_model(): `call_function` must be callable, received {call_function!r}.")

    def clone_layer(layer):
        if recursive and isinstance(layer, (Sequential, Functional)):
            return clone_model(layer, clone_function=clone_function,
                               call_function=call_function, recursive=True)
        new_layer = (clone_function or _default_clone)(layer)
        if not hasattr(new_layer, "name") or not callable(new_layer):
            raise TypeError(
                f"clone_model(): `clone_function` must return a layer; for layer "
                f"{layer.name!r} it returned {type(new_layer).__name__}.")
        return new_layer

    if isinstance(model, Sequential):
        if call_function is not None:
            raise ValueError(
                "clone_model(): `call_function` is only supported for Functional models; "
                f"{model.name!r} is Sequential.")
        return _clone_sequential(model, input_tensors, clone_layer)
    if isinstance(model, Functional):
        return _clone_functional(model, input_tensors, clone_layer, call_function)
    if input_tensors is not None or clone_function is not None or call_function is not None:
        raise ValueError(
            f"clone_model(): model {model.name!r} is a subclassed model "
            f"({type(model).__name__}), whose wiring is Python code: it can only be cloned "
            "through get_config()/from_config(), without `input_tensors`, `clone_function` "
            "or `call_function`.")
    return _clone_subclassed(model)


def _clone_subclassed(model):
    try:
        config = model.get_config()
        clone = model.__class__.from_config(config)
    except Exception as error:
        raise ValueError(
            f"clone_model(): could not recreate subclassed model {model.name!r} of type "
            f"{type(model).__name__} from its config: {error}. Implement get_config() "
            "(returning the constructor arguments) and, if needed, from_config().") from error
    if model.built:
        build_config = model.get_build_config()
        if build_config:
            clone.build_from_config(build_config)
    return clone


def _new_input_like(input_layer):
    from cornu.layers.core.input_layer import Input

    return Input(batch_shape=input_layer.batch_shape, dtype=input_layer.dtype,
                 name=input_layer.name, optional=getattr(input_layer, "optional", False))


def _clone_sequential(model, input_tensors, clone_layer):
    from cornu.layers.core.input_layer import InputLayer
    from cornu.models.sequential import Sequential

    layers = [clone_layer(layer) for layer in model.layers]
    first = model._stack[0] if model._stack else None
    if input_tensors is not None:
        flat = _flat_tensors(input_tensors)
        if len(flat) != 1 or not _is_kt(flat[0]):
            raise ValueError(
                f"clone_model(): Sequential model {model.name!r} takes exactly one symbolic "
                f"input tensor in `input_tensors`, received {input_tensors!r}.")
        stack = [flat[0]] + layers
    elif isinstance(first, InputLayer):
        stack = [_new_input_like(first)] + layers
    else:
        stack = layers
    return Sequential(stack, name=model.name, trainable=model.trainable)


def _clone_functional(model, input_tensors, clone_layer, call_function):
    from cornu.layers.core.input_layer import InputLayer
    from cornu.layers.layer import Layer
    from cornu.models.functional import Functional
    from cornu.models.model import Model

    originals = model._inputs
    if input_tensors is not None:
        given = _flat_tensors(input_tensors)
        if len(given) != len(originals):
            raise ValueError(
                f"clone_model(): model {model.name!r} has {len(originals)} input(s) "
                f"{[t.name for t in originals]}, but `input_tensors` holds {len(given)}.")
        for index, tensor in enumerate(given):
            if not _is_kt(tensor):
                raise ValueError(
                    "clone_model(): `input_tensors` must be symbolic tensors from "
                    f"`cornu.Input()`; entry {index} is a {type(tensor).__name__}.")
        new_inputs = given
    else:
        new_inputs = [_new_input_like(t._keras_history.operation) for t in originals]
    mapping = {id(old): new for old, new in zip(originals, new_inputs)}

    clones = {}

    def cloned(operation):
        if id(operation) not in clones:
            clones[id(operation)] = clone_layer(operation) if isinstance(operation, Layer) \
                else operation
        return clones[id(operation)]

    def substitute(value):
        if _is_kt(value):
            return mapping[id(value)]
        return value

    for node in model._nodes:
        operation = node.operation
        if isinstance(operation, InputLayer):
            continue
        new_operation = cloned(operation)
        args = optree.tree_map(substitute, list(node.call_args), is_leaf=_is_kt,
                               none_is_leaf=True)
        call_kwargs = {key: optree.tree_map(substitute, value, is_leaf=_is_kt, none_is_leaf=True)
                       for key, value in node.call_kwargs.items()}
        if call_function is not None and isinstance(operation, Layer):
            outputs = call_function(new_operation, *args, **call_kwargs)
        else:
            outputs = new_operation(*args, **call_kwargs)
        flat = _flat_tensors(outputs)
        if len(flat) != len(node.output_tensors):
            raise ValueError(
                f"clone_model(): the clone of layer {operation.name!r} returned {len(flat)} "
                f"output(s), the original returned {len(node.output_tensors)}.")
        for old, new in zip(node.output_tensors, flat):
            mapping[id(old)] = new

    def rebuild(structure):
        return optree.tree_map(lambda t: mapping[id(t)], structure, is_leaf=_is_kt,
                               none_is_leaf=True)

    # The clone keeps the original input structure (e.g. dict keys) whatever container
    # `input_tensors` came in.
    inputs = rebuild(model._inputs_struct)
    outputs = rebuild(model._outputs_struct)
    cls = type(model)
    if cls.__init__ not in (Model.__init__, Functional.__init__):
        cls = Functional
    return cls(inputs=inputs, outputs=outputs, name=model.name, trainable=model.trainable)
