"""Engine-neutral handling of one training batch, shared by the engines' step builders."""
import optree


def unpack_batch(data):
    """`(x, y, sample_weight)` from a batch tuple `(x,)`, `(x, y)` or `(x, y, sw)`."""
    if isinstance(data, tuple) and 1 <= len(data) <= 3:
        return tuple(data) + (None,) * (3 - len(data))
    return data, None, None


def batch_size(x):
    """Leading dimension of the first array-like leaf of `x` (1 when there is none)."""
    for leaf in optree.tree_leaves(x):
        if hasattr(leaf, "shape") and len(leaf.shape):
            return leaf.shape[0]
    return 1
