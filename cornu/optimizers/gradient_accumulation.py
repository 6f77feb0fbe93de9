"""Gradient accumulation: update every N steps with the mean of the accumulated gradients."""
from cornu import backend, ops


def apply_with_accumulation(optimizer, grads, variables):
    """Accumulate `grads`; every `gradient_accumulation_steps` calls, update with their mean.

    The update is computed in a scratch `StatelessScope` and `where` selects between it
    and plain accumulation, so the same code runs eagerly and inside `jax.jit` without a
    host-side condition.

    Args:
        optimizer: the built `Optimizer`.
        grads: gradients of this step.
        variables: the variables they belong to.
    """
    steps = optimizer.gradient_accumulation_steps
    is_update_step = (optimizer._iterations.value + 1) % steps == 0
    accumulators = [optimizer._accumulated_gradients[optimizer._get_variable_index(v)]
                    for v in variables]
    watched = unique_variables(list(optimizer._trainable_variables) + optimizer._variables)
    snapshot = [(v, v.value) for v in watched]
    with backend.StatelessScope(snapshot) as scratch:
        mean_grads = [(g + acc.value) / steps for g, acc in zip(grads, accumulators)]
        optimizer._clip_decay_and_update(mean_grads, variables)
        for accumulator in accumulators:
            accumulator.assign(accumulator.value * 0)
    accumulator_ids = {id(a): g for a, g in zip(accumulators, grads)}
    for variable, old in snapshot:
        new = scratch.updated_value(variable)
        if id(variable) in accumulator_ids:
            grad = backend.cast(accumulator_ids[id(variable)], variable.dtype)
            variable.assign(ops.where(is_update_step, new, old + grad))
        elif new is not None:
            variable.assign(ops.where(is_update_step, new, old))


def unique_variables(variables):
    """`variables` without repeats (by identity), in order."""
    seen, result = set(), []
    for variable in variables:
        if id(variable) not in seen:
            seen.add(id(variable))
            result.append(variable)
    return result
