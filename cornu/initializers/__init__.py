"""`cornu.initializers`: initial values of variables, by class or by name."""
from cornu.initializers.config_objects import deserialize_object, get_object, serialize_object
from cornu.initializers.constant_initializers import Constant, Identity, Ones, Zeros
from cornu.initializers.initializer import Initializer
from cornu.initializers.random_initializers import (
    GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform, Orthogonal,
    RandomInitializer, RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling,
    compute_fans)

IdentityInitializer = Identity
OrthogonalInitializer = Orthogonal

_CLASSES = {
    cls.__name__: cls
    for cls in (Constant, Identity, Ones, Zeros, GlorotNormal, GlorotUniform, HeNormal, HeUniform,
                LecunNormal, LecunUniform, Orthogonal, RandomNormal, RandomUniform,
                TruncatedNormal, VarianceScaling)
}
_ALIASES = {
    "constant": Constant, "identity": Identity, "ones": Ones, "one": Ones, "zeros": Zeros,
    "zero": Zeros, "glorot_normal": GlorotNormal, "glorot_uniform": GlorotUniform,
    "he_normal": HeNormal, "he_uniform": HeUniform, "lecun_normal": LecunNormal,
    "lecun_uniform": LecunUniform, "orthogonal": Orthogonal, "random_normal": RandomNormal,
    "normal": RandomNormal, "random_uniform": RandomUniform, "uniform": RandomUniform,
    "truncated_normal": TruncatedNormal, "variance_scaling": VarianceScaling,
    "IdentityInitializer": Identity, "OrthogonalInitializer": Orthogonal,
}
_ALL = {**_CLASSES, **_ALIASES}


def serialize(initializer):
    """Keras 3 dict for an initializer (`None` stays `None`).

    Example:
        >>> serialize(Zeros())
        {'module': 'keras.initializers', 'class_name': 'Zeros', 'config': {}, 'registered_name': None}
    """
    return serialize_object(initializer, "keras.initializers", _CLASSES)


def deserialize(config, custom_objects=None):
    """Inverse of `serialize`; also accepts names such as `"glorot_uniform"`."""
    return deserialize_object(config, _ALL, "initializer", custom_objects, Initializer)


def get(identifier):
    """Resolve `None`, a name, a serialized dict, a class or a callable to an initializer.

    Args:
        identifier: e.g. `"he_normal"`, `{"class_name": "Zeros", "config": {}}`, `Ones`,
            `Ones()`, or any `f(shape, dtype)` callable.

    Returns:
        An initializer (callable) or `None`.

    Example:
        >>> type(get("glorot_uniform")).__name__
        'GlorotUniform'
    """
    return get_object(identifier, deserialize, "initializer", "an Initializer")


__all__ = ["Initializer", "RandomInitializer", "compute_fans", "serialize", "deserialize", "get",
           "IdentityInitializer", "OrthogonalInitializer", *_CLASSES, *_ALIASES]


def __getattr__(name):
    if name in _ALIASES:
        return _ALIASES[name]
    raise AttributeError(f"module 'cornu.initializers' has no attribute {name!r}")
