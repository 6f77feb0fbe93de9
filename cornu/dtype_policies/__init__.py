"""`cornu.dtype_policies`: dtype policies and the global default policy."""
from cornu.dtype_policies.dtype_policy import (
    DTypePolicy, FloatDTypePolicy, dtype_policy, set_dtype_policy)

ALL_OBJECTS = {"DTypePolicy": DTypePolicy, "FloatDTypePolicy": FloatDTypePolicy}


def serialize(policy):
    """Keras 3 dict for a policy.

    Example:
        >>> serialize(DTypePolicy("float32"))
        {'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': 'float32'}, 'registered_name': None}
    """
    if not isinstance(policy, DTypePolicy):
        raise TypeError(f"serialize expects a DTypePolicy, received {policy!r}.")
    return {"module": "keras", "class_name": "DTypePolicy", "config": policy.get_config(),
            "registered_name": None}


def deserialize(config, custom_objects=None):
    """Inverse of `serialize`; a plain name string gives `DTypePolicy(name)`."""
    if isinstance(config, str):
        return DTypePolicy(config)
    if isinstance(config, dict) and "class_name" in config:
        class_name = config["class_name"]
        cls = (custom_objects or {}).get(class_name) or ALL_OBJECTS.get(class_name)
        if cls is None:
            raise ValueError(
                f"Unknown dtype policy class {class_name!r}; known: {sorted(ALL_OBJECTS)}.")
        return cls.from_config(config.get("config") or {})
    raise ValueError(f"Could not interpret dtype policy config: {config!r}.")


def get(identifier):
    """Resolve `None` (global policy), a name, a dict, a dtype or a policy to a `DTypePolicy`.

    Example:
        >>> get("mixed_bfloat16").compute_dtype
        'bfloat16'
    """
    if identifier is None:
        return dtype_policy()
    if isinstance(identifier, DTypePolicy):
        return identifier
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    try:
        from cornu.backend.common.dtypes import standardize_dtype
        return DTypePolicy(standardize_dtype(identifier))
    except (ValueError, TypeError):
        raise ValueError(
            f"Cannot interpret dtype policy identifier {identifier!r}: expected None, a name "
            f"such as 'float32' or 'mixed_float16', a dict or a DTypePolicy.") from None
