"""`cornu.tree` nested-structure utilities."""
import collections

import pytest

from cornu import tree

Point = collections.namedtuple("Point", ["x", "y"])


def test_flatten_and_pack_round_trip():
    structure = {"b": [1, (2, None)], "a": Point(3, 4)}
    flat = tree.flatten(structure)
    assert flat == [3, 4, 1, 2, None]
    assert tree.pack_sequence_as(structure, [30, 40, 10, 20, 0]) == {
        "b": [10, (20, 0)], "a": Point(30, 40)}
    with pytest.raises(ValueError, match="leaves"):
        tree.pack_sequence_as(structure, [1, 2])


def test_is_nested_map_structure_and_assert_same_structure():
    assert tree.is_nested([1]) and tree.is_nested({"a": 1}) and not tree.is_nested(1)
    assert tree.map_structure(lambda a, b: a + b, [1, (2,)], [10, (20,)]) == [11, (22,)]
    with pytest.raises(ValueError, match="same nested structure"):
        tree.assert_same_structure([1, 2], [1, [2, 3]])
    tree.assert_same_structure((1, [2]), [3, (4,)])


def test_flatten_with_path_and_helpers():
    assert tree.flatten_with_path({"a": [5, 6]}) == [(("a", 0), 5), (("a", 1), 6)]
    assert tree.lists_to_tuples([1, [2, {"k": [3]}]]) == (1, (2, {"k": (3,)}))
    assert tree.map_structure_up_to([0, 0], lambda v: v, [[1, 2], 3]) == [[1, 2], 3]
    doubled = tree.traverse(lambda v: v * 2 if isinstance(v, int) else None, [1, (2,)])
    assert doubled == [2, (4,)]
