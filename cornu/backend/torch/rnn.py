"""Recurrent loops of the torch engine: a Python step loop and torch's fused LSTM/GRU kernels.

The fused kernels take Keras's weight layout and rearrange it on the fly, so the same
variables serve both paths (gradients flow back to the Keras-shaped weights).
"""
import torch

from cornu.backend.torch.core import convert_to_tensor


def _keep_like(keep, value):
    """Broadcast a `(batch,)` boolean step mask against `value`'s trailing axes."""
    return keep.reshape(keep.shape + (1,) * (value.dim() - 1))


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
        unroll, input_length: accepted for API parity (the loop is always unrolled).
        return_all_outputs: when False only the last output is kept.

    Returns:
        `(last_output, outputs, new_states)` with `outputs` batch-major.
    """
    inputs = convert_to_tensor(inputs)
    if not time_major:
        inputs = inputs.transpose(0, 1)
    steps = inputs.shape[0]
    if mask is not None:
        mask = convert_to_tensor(mask).bool()
        if not time_major:
            mask = mask.transpose(0, 1)
    order = range(steps - 1, -1, -1) if go_backwards else range(steps)
    states = list(initial_states)
    constants = list(constants or [])
    outputs, kept_masks = [], []
    previous_output = None
    for index in order:
        output, new_states = step_function(inputs[index], states + constants)
        new_states = list(new_states)
        if mask is not None:
            keep = mask[index]
            if previous_output is None:
                previous_output = torch.zeros_like(output)
            output = torch.where(_keep_like(keep, output), output, previous_output)
            new_states = [torch.where(_keep_like(keep, new), new, old)
                          for new, old in zip(new_states, states)]
            kept_masks.append(keep)
        states = new_states
        previous_output = output
        if return_all_outputs or not outputs:
            outputs.append(output)
        else:
            outputs[0] = output
    last_output = previous_output
    stacked = torch.stack(outputs, dim=0)
    if mask is not None and zero_output_for_mask:
        last_output = torch.where(_keep_like(kept_masks[-1], last_output), last_output,
                                  torch.zeros_like(last_output))
        if return_all_outputs:
            keep_all = torch.stack(kept_masks, dim=0)
            keep_all = keep_all.reshape(keep_all.shape + (1,) * (stacked.dim() - 2))
            stacked = torch.where(keep_all, stacked, torch.zeros_like(stacked))
        else:
            stacked = last_output.unsqueeze(0)
    if not time_major:
        stacked = stacked.transpose(0, 1)
    return last_output, stacked, states


def _is_builtin(function, name):
    return (getattr(function, "__name__", None) == name
            and getattr(function, "__module__", "").startswith("cornu."))


def _fusable(mask, unroll, activation, recurrent_activation):
    return (mask is None and not unroll and _is_builtin(activation, "tanh")
            and _is_builtin(recurrent_activation, "sigmoid"))


def _sequence(inputs, go_backwards, time_major):
    inputs = convert_to_tensor(inputs)
    if go_backwards:
        inputs = torch.flip(inputs, dims=[0 if time_major else 1])
    return inputs


def lstm(inputs, initial_state_h, initial_state_c, mask, kernel, recurrent_kernel, bias,
         activation, recurrent_activation, return_sequences=False, go_backwards=False,
         unroll=False, time_major=False, zero_output_for_mask=False):
    """Fused LSTM (torch's kernel) on Keras weights: `kernel (in, 4u)`, gates i, f, c, o.

    Raises:
        NotImplementedError: when the configuration needs the step loop (masking,
            unrolling, or activations other than tanh / sigmoid).

    Returns:
        `(last_output, outputs, [h, c])`; `outputs` is batch-major.
    """
    if not _fusable(mask, unroll, activation, recurrent_activation):
        raise NotImplementedError("this LSTM configuration needs the step loop")
    sequence = _sequence(inputs, go_backwards, time_major)
    # Keras's gate order (i, f, c, o) is torch's (i, f, g, o): only a transpose is needed.
    dtype = sequence.dtype
    params = [convert_to_tensor(kernel).to(dtype).t(),
              convert_to_tensor(recurrent_kernel).to(dtype).t()]
    if bias is not None:
        bias = convert_to_tensor(bias).to(dtype)
        params += [bias, torch.zeros_like(bias)]
    hidden = (convert_to_tensor(initial_state_h).to(dtype).unsqueeze(0),
              convert_to_tensor(initial_state_c).to(dtype).unsqueeze(0))
    outputs, h, c = torch.lstm(sequence, hidden, params, bias is not None, 1, 0.0, False, False,
                               not time_major)
    last = outputs[-1] if time_major else outputs[:, -1]
    if time_major:
        outputs = outputs.transpose(0, 1)
    return last, outputs, [h[0], c[0]]


def _gates_zrh_to_rzn(weights, units):
    """Reorder the last axis from Keras's GRU gates (z, r, h) to torch's (r, z, n)."""
    return torch.cat([weights[..., units:2 * units], weights[..., :units],
                      weights[..., 2 * units:]], dim=-1)


def gru(inputs, initial_state, mask, kernel, recurrent_kernel, bias, activation,
        recurrent_activation, return_sequences=False, go_backwards=False, unroll=False,
        time_major=False, reset_after=True, zero_output_for_mask=False):
    """Fused GRU (torch's kernel) on Keras weights with `reset_after=True` (bias `(2, 3u)`).

    Raises:
        NotImplementedError: when the configuration needs the step loop (masking,
            unrolling, `reset_after=False`, non-default activations).

    Returns:
        `(last_output, outputs, [h])`; `outputs` is batch-major.
    """
    if not reset_after or not _fusable(mask, unroll, activation, recurrent_activation):
        raise NotImplementedError("this GRU configuration needs the step loop")
    sequence = _sequence(inputs, go_backwards, time_major)
    dtype = sequence.dtype
    kernel = convert_to_tensor(kernel).to(dtype)
    units = kernel.shape[-1] // 3
    params = [_gates_zrh_to_rzn(kernel, units).t(),
              _gates_zrh_to_rzn(convert_to_tensor(recurrent_kernel).to(dtype), units).t()]
    if bias is not None:
        bias = convert_to_tensor(bias).to(dtype)
        params += [_gates_zrh_to_rzn(bias[0], units), _gates_zrh_to_rzn(bias[1], units)]
    hidden = convert_to_tensor(initial_state).to(dtype).unsqueeze(0)
    outputs, h = torch.gru(sequence, hidden, params, bias is not None, 1, 0.0, False, False,
                           not time_major)
    last = outputs[-1] if time_major else outputs[:, -1]
    if time_major:
        outputs = outputs.transpose(0, 1)
    return last, outputs, [h[0]]


def simple_rnn(inputs, initial_state, mask, kernel, recurrent_kernel, bias, activation,
               return_sequences=False, go_backwards=False, unroll=False, time_major=False,
               zero_output_for_mask=False):
    """Fused tanh RNN (torch's kernel) on Keras weights: `kernel (in, u)`, `bias (u,)`.

    Raises:
        NotImplementedError: for masking, unrolling or an activation other than tanh.

    Returns:
        `(last_output, outputs, [h])`; `outputs` is batch-major.
    """
    if mask is not None or unroll or not _is_builtin(activation, "tanh"):
        raise NotImplementedError("this SimpleRNN configuration needs the step loop")
    sequence = _sequence(inputs, go_backwards, time_major)
    dtype = sequence.dtype
    params = [convert_to_tensor(kernel).to(dtype).t(),
              convert_to_tensor(recurrent_kernel).to(dtype).t()]
    if bias is not None:
        bias = convert_to_tensor(bias).to(dtype)
        params += [bias, torch.zeros_like(bias)]
    hidden = convert_to_tensor(initial_state).to(dtype).unsqueeze(0)
    outputs, h = torch.rnn_tanh(sequence, hidden, params, bias is not None, 1, 0.0, False,
                                False, not time_major)
    last = outputs[-1] if time_major else outputs[:, -1]
    if time_major:
        outputs = outputs.transpose(0, 1)
    return last, outputs, [h[0]]
