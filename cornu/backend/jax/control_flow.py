"""Control flow and gradient utilities of the JAX engine (traceable with `jax.lax`)."""
import jax
import jax.numpy as jnp

from cornu.backend.jax.core import Variable, convert_to_tensor


def _unwrap(tree):
    return jax.tree_util.tree_map(
        lambda x: x.value if isinstance(x, Variable) else x, tree,
        is_leaf=lambda x: isinstance(x, Variable))


def cond(pred, true_fn, false_fn):
    return jax.lax.cond(convert_to_tensor(pred).astype(bool), true_fn, false_fn)


def switch(index, branches, *operands):
    index = jnp.clip(convert_to_tensor(index).astype("int32"), 0, len(branches) - 1)
    return jax.lax.switch(index, branches, *operands)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    single = not isinstance(loop_vars, (list, tuple))
    state = (loop_vars,) if single else tuple(loop_vars)
    state = _unwrap(state)

    def as_tuple(value):
        return (value,) if single else tuple(value)

    if maximum_iterations is None:
        result = jax.lax.while_loop(lambda s: cond(*s), lambda s: as_tuple(body(*s)), state)
    else:
        def limited_cond(carry):
            count, s = carry
            return jnp.logical_and(count < maximum_iterations, cond(*s))

        def limited_body(carry):
            count, s = carry
            return count + 1, as_tuple(body(*s))

        _, result = jax.lax.while_loop(limited_cond, limited_body, (0, state))
    if single:
        return result[0]
    return list(result) if isinstance(loop_vars, list) else result


def fori_loop(lower, upper, body_fun, init_val):
    return jax.lax.fori_loop(lower, upper, body_fun, _unwrap(init_val))


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    if xs is None and length is None:
        raise ValueError("`scan` needs `xs` or `length`.")
    return jax.lax.scan(f, _unwrap(init), _unwrap(xs), length=length, reverse=reverse,
                        unroll=unroll)


def associative_scan(f, elems, reverse=False, axis=0):
    return jax.lax.associative_scan(f, _unwrap(elems), reverse=reverse, axis=axis)


def map(f, xs):  # noqa: A001
    return jax.lax.map(f, _unwrap(xs))


def vectorized_map(function, elements):
    return jax.vmap(function)(_unwrap(elements))


def stop_gradient(variable):
    return jax.lax.stop_gradient(convert_to_tensor(variable))


def custom_gradient(f):
    return jax.custom_gradient(f)
