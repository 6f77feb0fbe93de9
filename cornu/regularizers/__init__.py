"""`cornu.regularizers`: weight penalties, by class or by name."""
from cornu.initializers.config_objects import deserialize_object, get_object, serialize_object
from cornu.regularizers.regularizers import L1, L1L2, L2, OrthogonalRegularizer, Regularizer

l1 = L1
l2 = L2
l1_l2 = L1L2
orthogonal_regularizer = OrthogonalRegularizer

_CLASSES = {cls.__name__: cls for cls in (Regularizer, L1, L2, L1L2, OrthogonalRegularizer)}
_ALL = {**_CLASSES, "l1": L1, "l2": L2, "l1_l2": L1L2,
        "orthogonal_regularizer": OrthogonalRegularizer}


def serialize(regularizer):
    """Keras 3 dict for a regularizer (`None` stays `None`)."""
    return serialize_object(regularizer, "keras.regularizers", _CLASSES)


def deserialize(config, custom_objects=None):
    """Inverse of `serialize`; also accepts `"l1"`, `"l2"`, `"l1_l2"`."""
    return deserialize_object(config, _ALL, "regularizer", custom_objects)


def get(identifier):
    """Resolve `None`, a name, a dict, a class or a callable to a regularizer.

    Example:
        >>> get("l2").l2
        0.01
    """
    return get_object(identifier, deserialize, "regularizer", "a Regularizer")
