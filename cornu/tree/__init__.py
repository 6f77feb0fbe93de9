"""`cornu.tree`: nested-structure utilities (Keras `keras.tree`) built on optree.

`None` is treated as a leaf, and tensors, Variables and KerasTensors are always leaves.
"""
from cornu.tree.tree_api import (  # noqa: F401
    assert_same_structure, flatten, flatten_with_path, is_nested, lists_to_tuples, map_structure,
    map_structure_up_to, pack_sequence_as, traverse, unflatten_as)
