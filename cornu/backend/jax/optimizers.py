"""JAX side of the optimizers.

JAX updates are pure: the trainer runs `Optimizer.stateless_apply` inside its jitted
step, so no multi-tensor kernels are registered here (XLA fuses the per-variable rules).
"""
import contextlib


def update_context():
    """Context entered around each `Optimizer.apply` (nothing to disable on JAX)."""
    return contextlib.nullcontext()
