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


def kernel_bias_options(layer, options):
    """`set_weight_options` for the common `kernel` / `bias` pair.

    Args:
        layer: the layer receiving the attributes.
        options: a mapping holding the six `kernel_*` / `bias_*` arguments (e.g. the
            constructor's `locals()`).
    """
    set_weight_options(layer, ("kernel", "bias"), **{
        f"{prefix}_{kind}": options[f"{prefix}_{kind}"]
        for kind in WEIGHT_OPTION_KINDS for prefix in ("kernel", "bias")})


def kernel_bias_config(layer, activity_regularizer=True):
    """Config entries of the kernel/bias settings, Keras's order (activity after regularizers)."""
    config = weight_options_config(layer, ("kernel", "bias"), ("initializer", "regularizer"))
    if activity_regularizer:
        config["activity_regularizer"] = regularizers.serialize(layer.activity_regularizer)
    config.update(weight_options_config(layer, ("kernel", "bias"), ("constraint",)))
    return config


def clone_initializer(initializer):
    """A fresh initializer with the same config (sublayers must not share seeded state)."""
    return initializers.deserialize(initializers.serialize(initializer))


def sublayer_kernel_bias_options(layer):
    """Kernel/bias arguments for a sublayer: the layer's settings, initializers cloned."""
    return {
        "kernel_initializer": clone_initializer(layer.kernel_initializer),
        "bias_initializer": clone_initializer(layer.bias_initializer),
        "kernel_regularizer": layer.kernel_regularizer,
        "bias_regularizer": layer.bias_regularizer,
        "kernel_constraint": layer.kernel_constraint,
        "bias_constraint": layer.bias_constraint,
    }


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
