"""`cornu.constraints`: weight projections, by class or by name."""
from cornu.constraints.constraints import Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm
from cornu.initializers.config_objects import deserialize_object, get_object, serialize_object

max_norm = MaxNorm
min_max_norm = MinMaxNorm
non_neg = NonNeg
unit_norm = UnitNorm

_CLASSES = {cls.__name__: cls for cls in (Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm)}
_ALL = {**_CLASSES, "max_norm": MaxNorm, "min_max_norm": MinMaxNorm, "non_neg": NonNeg,
        "unit_norm": UnitNorm}


def serialize(constraint):
    """Keras 3 dict for a constraint (`None` stays `None`)."""
    return serialize_object(constraint, "keras.constraints", _CLASSES)


def deserialize(config, custom_objects=None):
    """Inverse of `serialize`; also accepts names such as `"non_neg"`."""
    return deserialize_object(config, _ALL, "constraint", custom_objects)


def get(identifier):
    """Resolve `None`, a name, a dict, a class or a callable to a constraint.

    Example:
        >>> type(get("non_neg")).__name__
        'NonNeg'
    """
    return get_object(identifier, deserialize, "constraint", "a Constraint")
