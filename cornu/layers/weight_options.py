"""Per-weight initializer / regularizer / constraint settings, resolved and serialized in bulk.

Layers with several weights (`kernel`, `recurrent_kernel`, `bias`, ...) take one
`<weight>_initializer`, `<weight>_regularizer` and `<weight>_constraint` argument per weight;
these helpers turn them into attributes and back into Keras config entries.
"""
from cornu import constraints, initializers, regularizers

# Keras lists every initializer first, then every regularizer, then every constraint.
WEIGHT_OPTION_KINDS = ("initializer", "regularizer", "constraint")
_MODULES = {"initializer": initializers, "regularizer": regularizers,
            "constraint": constraints}


def set_weight_options(layer, prefixes, **options):
    """Resolve `<prefix>_<kind>` arguments with the matching `get` and set them on `layer`.

    Args:
        layer: the layer receiving the attributes.
        prefixes: weight prefixes, e.g. `("kernel", "recurrent", "bias")`.
        **options: every `<prefix>_initializer`, `<prefix>_regularizer` and
            `<prefix>_constraint` for those prefixes.

    Returns:
        None.

    Example:
        >>> set_weight_options(self, ("kernel", "bias"), kernel_initializer="zeros", ...)
    """
    for kind in WEIGHT_OPTION_KINDS:
        for prefix in prefixes:
            name = f"{prefix}_{kind}"
            setattr(layer, name, _MODULES[kind].get(options[name]))


def weight_options_config(layer, prefixes, kinds=WEIGHT_OPTION_KINDS):
    """Config entries of `layer`'s `<prefix>_<kind>` attributes, kind by kind.

    Args:
        layer: the layer holding the attributes.
        prefixes: weight prefixes, in config order.
        kinds: which of "initializer", "regularizer", "constraint" to include, in order.

    Returns:
        A dict of serialized settings.

    Example:
        >>> weight_options_config(self, ("kernel", "bias"), kinds=("initializer",))
        {'kernel_initializer': {...}, 'bias_initializer': {...}}
    """
    config = {}
    for kind in kinds:
        for prefix in prefixes:
            name = f"{prefix}_{kind}"
            config[name] = _MODULES[kind].serialize(getattr(layer, name))
    return config
