"""Torch multi-tensor optimizer kernels (`torch._foreach_*`), used by eager `apply`.

Each kernel updates lists of parameter and slot tensors in place. Learning rate and step
arrive as 0-d tensors so nothing here forces a device-to-host synchronisation.
"""
import torch


def update_context():
    """Context entered around each `Optimizer.apply`: no autograd recording."""
    return torch.no_grad()


def _matching_grads(params, grads):
    return [g if g.dtype == p.dtype else g.to(p.dtype) for p, g in zip(params, grads)]


def _as_scalar_tensor(value, like):
    if torch.is_tensor(value):
        return value.to(dtype=like.dtype, device=like.device)
    return torch.tensor(value, dtype=like.dtype, device=like.device)


def sgd_step(params, grads, velocities, learning_rate, momentum, nesterov):
    """`w -= lr*g`, or the Keras momentum / Nesterov rule when `velocities` is given."""
    grads = _matching_grads(params, grads)
    lr = _as_scalar_tensor(learning_rate, params[0])
    scaled = torch._foreach_mul(grads, lr)
    if velocities is None:
        torch._foreach_sub_(params, scaled)
        return
    torch._foreach_mul_(velocities, momentum)
    torch._foreach_sub_(velocities, scaled)
    if nesterov:
        step = torch._foreach_mul(velocities, momentum)
        torch._foreach_sub_(step, scaled)
        torch._foreach_add_(params, step)
    else:
        torch._foreach_add_(params, velocities)


def adam_step(params, grads, momentums, velocities, velocity_hats, learning_rate, iterations,
              beta_1, beta_2, epsilon):
    """Keras Adam: bias correction folded into the step size, epsilon outside the sqrt."""
    grads = _matching_grads(params, grads)
    like = params[0]
    lr = _as_scalar_tensor(learning_rate, like)
    t = (iterations + 1).to(like.dtype)
    beta_1_power = torch.pow(torch.tensor(beta_1, dtype=like.dtype, device=like.device), t)
    beta_2_power = torch.pow(torch.tensor(beta_2, dtype=like.dtype, device=like.device), t)
    alpha = lr * torch.sqrt(1 - beta_2_power) / (1 - beta_1_power)
    torch._foreach_lerp_(momentums, grads, 1 - beta_1)
    torch._foreach_mul_(velocities, beta_2)
    torch._foreach_addcmul_(velocities, grads, grads, value=1 - beta_2)
    second_moments = velocities
    if velocity_hats is not None:
        torch._foreach_maximum_(velocity_hats, velocities)
        second_moments = velocity_hats
    # In place, one temporary: p -= m / ((sqrt(v) + eps) / alpha); alpha stays a 0-d
    # tensor so there is no host sync.
    denominators = torch._foreach_sqrt(second_moments)
    torch._foreach_add_(denominators, epsilon)
    torch._foreach_div_(denominators, alpha)
    torch._foreach_addcdiv_(params, momentums, denominators, value=-1.0)


def rmsprop_step(params, grads, velocities, momentums, average_gradients, learning_rate, rho,
                 momentum, epsilon):
    """Keras RMSprop: epsilon inside the sqrt, optional centering and momentum."""
    grads = _matching_grads(params, grads)
    lr = _as_scalar_tensor(learning_rate, params[0])
    torch._foreach_mul_(velocities, rho)
    torch._foreach_addcmul_(velocities, grads, grads, value=1 - rho)
    if average_gradients is not None:
        torch._foreach_mul_(average_gradients, rho)
        torch._foreach_add_(average_gradients, grads, alpha=1 - rho)
        denominators = torch._foreach_addcmul(velocities, average_gradients, average_gradients,
                                              value=-1)
        torch._foreach_add_(denominators, epsilon)
    else:
        denominators = torch._foreach_add(velocities, epsilon)
    torch._foreach_sqrt_(denominators)
    increments = torch._foreach_div(grads, denominators)
    torch._foreach_mul_(increments, lr)
    if momentums is not None:
        torch._foreach_mul_(momentums, momentum)
        torch._foreach_add_(momentums, increments)
        torch._foreach_sub_(params, momentums)
    else:
        torch._foreach_sub_(params, increments)


def adagrad_step(params, grads, accumulators, learning_rate, epsilon):
    """`acc += g²`; `w -= lr * g / sqrt(acc + epsilon)`."""
    grads = _matching_grads(params, grads)
    lr = _as_scalar_tensor(learning_rate, params[0])
    torch._foreach_addcmul_(accumulators, grads, grads)
    denominators = torch._foreach_add(accumulators, epsilon)
    torch._foreach_sqrt_(denominators)
    steps = torch._foreach_div(grads, denominators)
    torch._foreach_mul_(steps, lr)
    torch._foreach_sub_(params, steps)


def decay_weights(params, factor):
    """Decoupled weight decay `w -= w * factor` (factor = learning_rate * weight_decay)."""
    factor = _as_scalar_tensor(factor, params[0])
    torch._foreach_sub_(params, torch._foreach_mul(params, factor))
