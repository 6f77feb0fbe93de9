"""Control flow and gradient utilities of the torch engine (eager Python semantics)."""
import optree
import torch

from cornu.backend.torch.core import Variable, convert_to_tensor


def _is_leaf(value):
    return value is None or torch.is_tensor(value) or isinstance(value, Variable)


def _tree_map(fn, *trees):
    return optree.tree_map(fn, *trees, is_leaf=_is_leaf, none_is_leaf=True)


def cond(pred, true_fn, false_fn):
    return true_fn() if bool(convert_to_tensor(pred)) else false_fn()


def switch(index, branches, *operands):
    index = int(convert_to_tensor(index))
    index = max(0, min(index, len(branches) - 1))
    return branches[index](*operands)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    single = not isinstance(loop_vars, (list, tuple))
    state = (loop_vars,) if single else tuple(loop_vars)
    iterations = 0
    while maximum_iterations is None or iterations < maximum_iterations:
        if not bool(convert_to_tensor(cond(*state))):
            break
        result = body(*state)
        state = (result,) if single else tuple(result)
        iterations += 1
    return state[0] if single else type(loop_vars)(state) if isinstance(loop_vars, list) \
        else state


def fori_loop(lower, upper, body_fun, init_val):
    value = init_val
    for index in range(int(lower), int(upper)):
        value = body_fun(index, value)
    return value


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    if xs is None and length is None:
        raise ValueError("`scan` needs `xs` or `length`.")
    leaves, treedef = optree.tree_flatten(xs, is_leaf=_is_leaf, none_is_leaf=False)
    leaves = [convert_to_tensor(leaf) for leaf in leaves]
    steps = length if length is not None else leaves[0].shape[0]
    order = range(steps - 1, -1, -1) if reverse else range(steps)
    carry = init
    outputs = []
    for index in order:
        x = optree.tree_unflatten(treedef, [leaf[index] for leaf in leaves]) if leaves else None
        carry, y = f(carry, x)
        outputs.append(y)
    if reverse:
        outputs.reverse()
    if not outputs:
        return carry, None
    stacked = optree.tree_map(lambda *ys: None if ys[0] is None else torch.stack(
        [convert_to_tensor(y) for y in ys]), *outputs, is_leaf=_is_leaf, none_is_leaf=True)
    return carry, stacked


def associative_scan(f, elems, reverse=False, axis=0):
    leaves, treedef = optree.tree_flatten(elems, is_leaf=_is_leaf)
    leaves = [torch.movedim(convert_to_tensor(leaf), axis, 0) for leaf in leaves]
    if reverse:
        leaves = [torch.flip(leaf, dims=(0,)) for leaf in leaves]
    results = []
    running = None
    for index in range(leaves[0].shape[0]):
        current = optree.tree_unflatten(treedef, [leaf[index] for leaf in leaves])
        running = current if running is None else (
            f(current, running) if reverse else f(running, current))
        results.append(optree.tree_leaves(running, is_leaf=_is_leaf))
    stacked = [torch.stack([r[i] for r in results]) for i in range(len(leaves))]
    if reverse:
        stacked = [torch.flip(leaf, dims=(0,)) for leaf in stacked]
    stacked = [torch.movedim(leaf, 0, axis) for leaf in stacked]
    return optree.tree_unflatten(treedef, stacked)


def map(f, xs):  # noqa: A001
    leaves, treedef = optree.tree_flatten(xs, is_leaf=_is_leaf)
    leaves = [convert_to_tensor(leaf) for leaf in leaves]
    outputs = [f(optree.tree_unflatten(treedef, [leaf[i] for leaf in leaves]))
               for i in range(leaves[0].shape[0])]
    return optree.tree_map(lambda *ys: torch.stack([convert_to_tensor(y) for y in ys]),
                           *outputs, is_leaf=_is_leaf)


def vectorized_map(function, elements):
    return map(function, elements)


def stop_gradient(variable):
    return convert_to_tensor(variable).detach()


class _CustomGradient(torch.autograd.Function):
    @staticmethod
    def forward(ctx, forward_fn, *args):
        output, grad_fn = forward_fn(*args)
        ctx.grad_fn = grad_fn
        return output

    @staticmethod
    def backward(ctx, *upstream):
        grads = ctx.grad_fn(*upstream)
        if not isinstance(grads, (tuple, list)):
            grads = (grads,)
        return (None,) + tuple(grads)


def custom_gradient(f):
    def wrapper(*args):
        tensors = [convert_to_tensor(a) if isinstance(a, Variable) else a for a in args]
        return _CustomGradient.apply(f, *tensors)

    return wrapper
