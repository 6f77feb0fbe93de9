"""Recurrent loops of the JAX engine, built on `lax.scan`.

`lstm` / `gru` are the fast paths: the input projection of every timestep is one
matmul outside the scan, and only the recurrent matmul runs inside it.
"""
import jax
import jax._src.core  # noqa: F401  (is_concrete)
import jax.numpy as jnp

from cornu.backend.jax.core import convert_to_tensor


def _is_concrete(values):
    """True when every value is concrete: eager code, possibly under an eager `jax.grad`, but
    not inside `jit` or a `scan` body (uses a private JAX helper; False if it moved)."""
    check = getattr(jax._src.core, "is_concrete", None)
    return bool(check) and all(check(v) for v in values)


def _keep_like(keep, value):
    """Broadcast a `(batch,)` boolean step mask against `value`'s trailing axes."""
    return keep.reshape(keep.shape + (1,) * (value.ndim - 1))


def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None, constants=None,
        unroll=False, input_length=None, time_major=False, zero_output_for_mask=False,
        return_all_outputs=True):
    """Iterate `step_function(input_t, states) -> (output_t, new_states)` over time.

    Args:
        step_function: one recurrent step; `states` is a flat list of tensors.
        inputs: `(batch, time, ...)` (or `(time, batch, ...)` when `time_major`).
        initial_states: flat list of state tensors.
        go_backwards: iterate from the last step to the first (outputs stay in
            processing order).
        mask: optional `(batch, time)` boolean; masked steps keep the previous state
            and repeat the previous output (zeros when `zero_output_for_mask`).
        constants: extra tensors appended to `states` at every step.
        unroll: a Python loop instead of `lax.scan`.
        return_all_outputs: when False only the last output is kept.

    Returns:
        `(last_output, outputs, new_states)` with `outputs` batch-major.
    """
    inputs = convert_to_tensor(inputs)
    if not time_major:
        inputs = jnp.swapaxes(inputs, 0, 1)
    if mask is not None:
        mask = convert_to_tensor(mask).astype(bool)
        if not time_major:
            mask = jnp.swapaxes(mask, 0, 1)
    if go_backwards:
        inputs = jnp.flip(inputs, axis=0)
        mask = None if mask is None else jnp.flip(mask, axis=0)
    constants = list(constants or [])
    states = list(initial_states)

    def step(carry, step_inputs):
        states, previous_output = carry
        x_t, keep = step_inputs
        output, new_states = step_function(x_t, list(states) + constants)
        new_states = [jnp.asarray(n).astype(o.dtype) for n, o in zip(new_states, states)]
        if previous_output is None:
            previous_output = jnp.zeros_like(output)
        if keep is not None:
            output = jnp.where(_keep_like(keep, output), output, previous_output)
            new_states = [jnp.where(_keep_like(keep, n), n, o)
                          for n, o in zip(new_states, states)]
        return (new_states, output.astype(previous_output.dtype)), output

    if unroll or _is_concrete([inputs] + states):
        # Eagerly a Python loop runs op by op, where a scan would compile at every call.
        carry, collected = (states, None), []
        for index in range(inputs.shape[0]):
            keep = None if mask is None else mask[index]
            carry, output = step(carry, (inputs[index], keep))
            collected.append(output)
        outputs = jnp.stack(collected, axis=0)
    else:
        # A first step outside the loop gives the output's shape and lets cells draw their
        # per-sequence dropout masks outside the traced loop body (jit drops the unused math).
        probe_output, _ = step_function(inputs[0], states + constants)
        carry = (states, jnp.zeros_like(probe_output))
        carry, outputs = jax.lax.scan(step, carry, (inputs, mask))
    new_states, last_output = carry
    if mask is not None and zero_output_for_mask:
        last_output = jnp.where(_keep_like(mask[-1], last_output), last_output, 0)
        keep_all = mask.reshape(mask.shape + (1,) * (outputs.ndim - 2))
        outputs = jnp.where(keep_all, outputs, 0)
    if not return_all_outputs:
        outputs = last_output[None]
    if not time_major:
        outputs = jnp.swapaxes(outputs, 0, 1)
    return last_output, outputs, list(new_states)


def _project(inputs, kernel, bias, time_major):
    inputs = convert_to_tensor(inputs)
    projected = jnp.matmul(inputs, convert_to_tensor(kernel))
    if bias is not None:
        projected = projected + convert_to_tensor(bias)
    return projected


def lstm(inputs, initial_state_h, initial_state_c, mask, kernel, recurrent_kernel, bias,
         activation, recurrent_activation, return_sequences=False, go_backwards=False,
         unroll=False, time_major=False, zero_output_for_mask=False):
    """LSTM over a sequence with Keras weights (`kernel (in, 4u)`, gates i, f, c, o).

    Returns:
        `(last_output, outputs, [h, c])`; `outputs` is batch-major.
    """
    recurrent_kernel = convert_to_tensor(recurrent_kernel)
    projected = _project(inputs, kernel, bias, time_major)

    def step(z_input, states):
        h, c = states[0], states[1]
        z = z_input + jnp.matmul(h, recurrent_kernel)
        z_i, z_f, z_c, z_o = jnp.split(z, 4, axis=-1)
        c = recurrent_activation(z_f) * c + recurrent_activation(z_i) * activation(z_c)
        h = recurrent_activation(z_o) * activation(c)
        return h, [h, c]

    return rnn(step, projected, [initial_state_h, initial_state_c], go_backwards=go_backwards,
               mask=mask, unroll=unroll, time_major=time_major,
               zero_output_for_mask=zero_output_for_mask, return_all_outputs=return_sequences)


def gru(inputs, initial_state, mask, kernel, recurrent_kernel, bias, activation,
        recurrent_activation, return_sequences=False, go_backwards=False, unroll=False,
        time_major=False, reset_after=True, zero_output_for_mask=False):
    """GRU over a sequence with Keras weights (gates z, r, h; bias `(2, 3u)` if reset_after).

    Returns:
        `(last_output, outputs, [h])`; `outputs` is batch-major.
    """
    recurrent_kernel = convert_to_tensor(recurrent_kernel)
    units = recurrent_kernel.shape[0]
    if bias is not None:
        bias = convert_to_tensor(bias)
    input_bias = None if bias is None else (bias[0] if reset_after else bias)
    recurrent_bias = None if bias is None or not reset_after else bias[1]
    projected = _project(inputs, kernel, input_bias, time_major)

    def step(x_input, states):
        h = states[0]
        x_z, x_r, x_h = jnp.split(x_input, 3, axis=-1)
        if reset_after:
            inner = jnp.matmul(h, recurrent_kernel)
            if recurrent_bias is not None:
                inner = inner + recurrent_bias
            r_z, r_r, r_h = jnp.split(inner, 3, axis=-1)
            z = recurrent_activation(x_z + r_z)
            r = recurrent_activation(x_r + r_r)
            candidate = activation(x_h + r * r_h)
        else:
            inner = jnp.matmul(h, recurrent_kernel[:, :2 * units])
            r_z, r_r = jnp.split(inner, 2, axis=-1)
            z = recurrent_activation(x_z + r_z)
            r = recurrent_activation(x_r + r_r)
            candidate = activation(x_h + jnp.matmul(r * h, recurrent_kernel[:, 2 * units:]))
        h = z * h + (1 - z) * candidate
        return h, [h]

    return rnn(step, projected, [initial_state], go_backwards=go_backwards, mask=mask,
               unroll=unroll, time_major=time_major, zero_output_for_mask=zero_output_for_mask,
               return_all_outputs=return_sequences)


def simple_rnn(inputs, initial_state, mask, kernel, recurrent_kernel, bias, activation,
               return_sequences=False, go_backwards=False, unroll=False, time_major=False,
               zero_output_for_mask=False):
    """Fully-connected RNN with Keras weights (`kernel (in, u)`, `bias (u,)`).

    Returns:
        `(last_output, outputs, [h])`; `outputs` is batch-major.
    """
    recurrent_kernel = convert_to_tensor(recurrent_kernel)
    projected = _project(inputs, kernel, bias, time_major)

    def step(x_input, states):
        h = x_input + jnp.matmul(states[0], recurrent_kernel)
        if activation is not None:
            h = activation(h)
        return h, [h]

    return rnn(step, projected, [initial_state], go_backwards=go_backwards, mask=mask,
               unroll=unroll, time_major=time_major, zero_output_for_mask=zero_output_for_mask,
               return_all_outputs=return_sequences)
