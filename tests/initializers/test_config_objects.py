"""`get_object`: the shared `get` of initializers, regularizers and constraints."""
import pytest

from cornu import constraints, initializers, regularizers
from cornu.initializers.config_objects import get_object


def test_get_object_forms():
    assert get_object(None, regularizers.deserialize, "regularizer", "a Regularizer") is None
    assert get_object("l2", regularizers.deserialize, "regularizer", "a Regularizer").l2 == 0.01
    assert isinstance(get_object(initializers.Ones, initializers.deserialize, "initializer",
                                 "an Initializer"), initializers.Ones)
    instance = constraints.NonNeg()
    assert get_object(instance, constraints.deserialize, "constraint", "a Constraint") is instance


def test_get_object_error_names_family():
    with pytest.raises(ValueError, match=r"Could not interpret constraint identifier: 3 "
                                         r"\(expected None, a name, a dict, a Constraint"):
        constraints.get(3)
    with pytest.raises(ValueError, match="an Initializer or a callable"):
        initializers.get(3)
