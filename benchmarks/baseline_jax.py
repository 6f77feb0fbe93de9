"""Hand-written `jax.jit` training loops with a hand-written Adam (optax is not installed)."""
import functools
import time

import jax
import jax.numpy as jnp
import numpy as np


def _dense(key, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return {"w": jax.random.uniform(key, (fan_in, fan_out), minval=-limit, maxval=limit),
            "b": jnp.zeros((fan_out,))}


def _conv(key, size, c_in, c_out):
    limit = np.sqrt(6.0 / (size * size * (c_in + c_out)))
    return {"w": jax.random.uniform(key, (size, size, c_in, c_out), minval=-limit, maxval=limit),
            "b": jnp.zeros((c_out,))}


def mlp():
    keys = jax.random.split(jax.random.PRNGKey(0), 3)
    params = [_dense(keys[0], 784, 512), _dense(keys[1], 512, 512), _dense(keys[2], 512, 10)]

    def apply(params, x):
        for layer in params[:-1]:
            x = jax.nn.relu(x @ layer["w"] + layer["b"])
        return x @ params[-1]["w"] + params[-1]["b"]

    return params, apply


def _max_pool(x):
    return jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID")


def _conv2d(x, layer):
    out = jax.lax.conv_general_dilated(x, layer["w"], (1, 1), "VALID",
                                       dimension_numbers=("NHWC", "HWIO", "NHWC"))
    return out + layer["b"]


def cnn():
    keys = jax.random.split(jax.random.PRNGKey(0), 3)
    params = [_conv(keys[0], 3, 1, 32), _conv(keys[1], 3, 32, 64), _dense(keys[2], 1600, 10)]

    def apply(params, x):
        x = _max_pool(jax.nn.relu(_conv2d(x, params[0])))
        x = _max_pool(jax.nn.relu(_conv2d(x, params[1])))
        x = x.reshape((x.shape[0], -1))
        return x @ params[2]["w"] + params[2]["b"]

    return params, apply


def _adam_init(params):
    def zeros():  # distinct buffers: donated arguments must not alias
        return jax.tree_util.tree_map(jnp.zeros_like, params)

    return {"m": zeros(), "v": zeros(), "t": jnp.zeros((), jnp.int32)}


def _adam_update(grads, state, params, lr=1e-3, b1=0.9, b2=0.999, eps=1e-7):
    t = state["t"] + 1
    m = jax.tree_util.tree_map(lambda m, g: b1 * m + (1 - b1) * g, state["m"], grads)
    v = jax.tree_util.tree_map(lambda v, g: b2 * v + (1 - b2) * g * g, state["v"], grads)
    scale = lr * jnp.sqrt(1 - b2 ** t) / (1 - b1 ** t)
    params = jax.tree_util.tree_map(lambda p, m, v: p - scale * m / (jnp.sqrt(v) + eps),
                                    params, m, v)
    return params, {"m": m, "v": v, "t": t}


def _make_step(apply):
    def loss_fn(params, x, y):
        logits = apply(params, x)
        return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(logits), y[:, None], axis=1))

    # Donating the parameters and optimizer state lets XLA update them in place, as
    # cornu's own step does; without it the baseline would be needlessly slow.
    @functools.partial(jax.jit, donate_argnums=(0, 1))
    def step(params, opt_state, x, y):
        loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
        params, opt_state = _adam_update(grads, opt_state, params)
        return params, opt_state, loss

    return step


def time_fit(builder, x, y, batch_size, epochs=1, channels_first=False):
    """Samples per second of a jitted step fed NumPy batches, as a typical JAX loop does."""
    params, apply = builder()
    opt_state = _adam_init(params)
    step = _make_step(apply)
    rng = np.random.default_rng(0)

    def epoch(params, opt_state, x, y):
        order = rng.permutation(len(x))
        loss = None
        for start in range(0, len(x), batch_size):
            index = order[start:start + batch_size]
            params, opt_state, loss = step(params, opt_state, x[index], y[index])
        jax.block_until_ready(loss)
        return params, opt_state

    warm = batch_size * 3 + len(x) % batch_size  # same warm-up as the cornu side
    params, opt_state = epoch(params, opt_state, x[:warm], y[:warm])
    start = time.perf_counter()
    for _ in range(epochs):
        params, opt_state = epoch(params, opt_state, x, y)
    return epochs * len(x) / (time.perf_counter() - start)


def time_forward_one(builder, x_one, calls):
    """Seconds per jitted forward call on one sample."""
    params, apply = builder()
    forward = jax.jit(apply)
    np.asarray(forward(params, x_one))
    start = time.perf_counter()
    for _ in range(calls):
        np.asarray(forward(params, x_one))
    return (time.perf_counter() - start) / calls


def set_threads(count):
    """XLA's CPU thread pool is fixed at start-up; use XLA_FLAGS before launching instead."""
    raise SystemExit("--threads is torch-only; for JAX set XLA_FLAGS="
                     "'--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1'.")
