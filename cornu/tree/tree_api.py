"""Nested-structure helpers (lists, tuples, dicts, namedtuples) implemented with optree."""
import collections

import optree

_NAMESPACE = "cornu"


def _is_leaf(value):
    return value is None or not isinstance(value, (list, tuple, dict, collections.OrderedDict))


def is_nested(structure):
    """True for lists, tuples (incl. namedtuples) and dicts.

    Example:
        >>> is_nested([1, 2])   # True
    """
    return isinstance(structure, (list, tuple, dict))


def flatten(structure):
    """Leaves of `structure` in a deterministic order (dict keys sorted).

    Example:
        >>> flatten({"b": 2, "a": [1, None]})   # [1, None, 2]
    """
    return optree.tree_leaves(structure, none_is_leaf=True, is_leaf=_is_leaf,
                              namespace=_NAMESPACE)


def flatten_with_path(structure):
    """List of `(path_tuple, leaf)` pairs."""
    paths, leaves, _ = optree.tree_flatten_with_path(structure, none_is_leaf=True,
                                                     is_leaf=_is_leaf, namespace=_NAMESPACE)
    return list(zip(paths, leaves))


def pack_sequence_as(structure, flat_sequence, sequence_fn=None):
    """Refill `structure` with the values of `flat_sequence` (in `flatten` order).

    Example:
        >>> pack_sequence_as([0, (0, 0)], [1, 2, 3])   # [1, (2, 3)]
    """
    flat_sequence = list(flat_sequence)
    treedef = optree.tree_structure(structure, none_is_leaf=True, is_leaf=_is_leaf,
                                    namespace=_NAMESPACE)
    if treedef.num_leaves != len(flat_sequence):
        raise ValueError(
            f"pack_sequence_as: the structure has {treedef.num_leaves} leaves but "
            f"flat_sequence has {len(flat_sequence)} elements.")
    return optree.tree_unflatten(treedef, flat_sequence)


def unflatten_as(structure, flat_sequence):
    return pack_sequence_as(structure, flat_sequence)


def map_structure(func, *structures):
    """Apply `func` to corresponding leaves of structures with the same layout.

    Example:
        >>> map_structure(lambda a, b: a + b, [1, (2,)], [10, (20,)])   # [11, (22,)]
    """
    if not structures:
        raise ValueError("map_structure needs at least one structure.")
    for other in structures[1:]:
        assert_same_structure(structures[0], other)
    return optree.tree_map(func, *structures, none_is_leaf=True, is_leaf=_is_leaf,
                           namespace=_NAMESPACE)


def map_structure_up_to(shallow_structure, func, *structures):
    """Apply `func` to sub-structures at the leaves of `shallow_structure`."""
    shallow = optree.tree_structure(shallow_structure, none_is_leaf=True, is_leaf=_is_leaf,
                                    namespace=_NAMESPACE)
    flat = [shallow.flatten_up_to(s) for s in structures]
    return optree.tree_unflatten(shallow, [func(*values) for values in zip(*flat)])


def assert_same_structure(a, b, check_types=False):
    """Raise `ValueError` if `a` and `b` do not have the same nesting."""
    def layout(value):
        return optree.tree_structure(value, none_is_leaf=True, is_leaf=_is_leaf,
                                     namespace=_NAMESPACE)

    first, second = layout(a), layout(b)
    same = first == second if check_types else (
        first.num_leaves == second.num_leaves and _shape_signature(a) == _shape_signature(b))
    if not same:
        raise ValueError(f"The two structures don't have the same nested structure: "
                         f"{first} vs {second}.")


def _shape_signature(value):
    if isinstance(value, dict):
        return ("dict", tuple((k, _shape_signature(value[k])) for k in sorted(value)))
    if isinstance(value, (list, tuple)):
        return ("seq", tuple(_shape_signature(v) for v in value))
    return "leaf"


def lists_to_tuples(structure):
    """Convert every list in `structure` to a tuple."""
    if isinstance(structure, dict):
        return {k: lists_to_tuples(v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)) and not hasattr(structure, "_fields"):
        return tuple(lists_to_tuples(v) for v in structure)
    return structure


def traverse(func, structure, top_down=True):
    """Visit every node; a non-None result of `func` replaces that node (top-down)."""
    if top_down:
        result = func(structure)
        if result is not None:
            return result
    if isinstance(structure, dict):
        rebuilt = type(structure)((k, traverse(func, v, top_down)) for k, v in structure.items())
    elif isinstance(structure, (list, tuple)):
        children = [traverse(func, v, top_down) for v in structure]
        rebuilt = type(structure)(*children) if hasattr(structure, "_fields") else type(
            structure)(children)
    else:
        rebuilt = structure
    if not top_down:
        result = func(rebuilt)
        return rebuilt if result is None else result
    return rebuilt
