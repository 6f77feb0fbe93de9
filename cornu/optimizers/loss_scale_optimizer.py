"""`LossScaleOptimizer`: dynamic loss scaling around another optimizer (mixed_float16)."""
from cornu import backend, ops
from cornu.backend import engine
from cornu.optimizers.gradient_accumulation import unique_variables
from cornu.optimizers.optimizer import Optimizer


class LossScaleOptimizer(Optimizer):
    """Scale the loss so small float16 gradients survive; unscale before updating.

    `fit` differentiates `scale_loss(loss)`. `apply` divides the gradients by the scale;
    if any of them is not finite, the update is skipped (the wrapped optimizer's
    variables and the model's weights keep their values) and the scale is halved.
    After `dynamic_growth_steps` finite steps in a row the scale is doubled. The choice
    is made with `where`, so there is no host synchronisation and the same code runs
    inside `jax.jit`.

    Args:
        inner_optimizer: the `Optimizer` that applies the updates.
        initial_scale: the first loss scale (a large power of two).
        dynamic_growth_steps: finite steps between doublings of the scale.
        name: optimizer name.
        **kwargs: base `Optimizer` arguments; the wrapped optimizer's own settings
            (clipping, weight decay, ...) are the ones that apply.

    Example:
        >>> optimizer = LossScaleOptimizer(cornu.optimizers.SGD(0.1), initial_scale=1024.0)
        >>> model.compile(optimizer=optimizer, loss="mse")
    """

    def __init__(self, inner_optimizer, initial_scale=2.0 ** 15, dynamic_growth_steps=2000,
                 name=None, **kwargs):
        if not isinstance(inner_optimizer, Optimizer):
            raise ValueError(
                "LossScaleOptimizer: `inner_optimizer` must be an Optimizer instance, "
                f"received {inner_optimizer!r} of type {type(inner_optimizer).__name__}.")
        if isinstance(initial_scale, bool) or not isinstance(initial_scale, (int, float)) \
                or initial_scale <= 0:
            raise ValueError(
                "LossScaleOptimizer: `initial_scale` must be a positive number, received "
                f"{initial_scale!r}.")
        if isinstance(dynamic_growth_steps, bool) or not isinstance(dynamic_growth_steps, int) \
                or dynamic_growth_steps < 1:
            raise ValueError(
                "LossScaleOptimizer: `dynamic_growth_steps` must be a positive integer, "
                f"received {dynamic_growth_steps!r}.")
        kwargs.pop("learning_rate", None)  # the wrapped optimizer owns the learning rate
        super().__init__(learning_rate=0.0, name=name, **kwargs)
        # Own state only; the step count and learning rate are the wrapped optimizer's.
        object.__setattr__(self, "_variables", [])
        object.__setattr__(self, "_iterations", inner_optimizer._iterations)
        self.inner_optimizer = inner_optimizer
        self.initial_scale = float(initial_scale)
        self.dynamic_growth_steps = dynamic_growth_steps
        with backend.name_scope(self.name):
            self.step_counter = backend.Variable(0, dtype="int32", trainable=False,
                                                 name="step_counter")
            self.dynamic_scale = backend.Variable(self.initial_scale, dtype="float32",
                                                  trainable=False, name="dynamic_scale")
        self._own_variables = [self.step_counter, self.dynamic_scale]

    # --- the wrapped optimizer's state ------------------------------------------
    def build(self, variables):
        """Build the wrapped optimizer; `variables` become `[own..., inner...]`."""
        if self.built:
            return
        variables = list(variables)
        self.inner_optimizer.build(variables)
        self._trainable_variables = variables[:]
        self._trainable_variables_indices = {id(v): i for i, v in enumerate(variables)}
        object.__setattr__(self, "_variables",
                           self._own_variables + self.inner_optimizer.variables)
        self.built = True

    @property
    def iterations(self):
        return self.inner_optimizer.iterations

    @property
    def learning_rate(self):
        return self.inner_optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        self.inner_optimizer.learning_rate = learning_rate

    def scale_loss(self, loss):
        """`loss` times the current scale (what `fit` differentiates)."""
        loss = self.inner_optimizer.scale_loss(loss)
        return loss * ops.cast(self.dynamic_scale.value, ops.dtype(loss))

    # --- updates -------------------------------------------------------------------
    def apply(self, grads, trainable_variables=None):
        """Unscale `grads`; update through the wrapped optimizer only if all are finite."""
        grads = list(grads)
        if not grads:
            return
        trainable_variables = self._variables_to_update(trainable_variables)
        with engine.optimizers.update_context():
            grads, trainable_variables = self._filter_empty_gradients(grads,
                                                                       trainable_variables)
            scale = self.dynamic_scale.value
            unscaled = [g / ops.cast(scale, ops.dtype(g)) for g in grads]
            finite = ops.all(ops.stack([ops.all(ops.isfinite(g)) for g in unscaled]))
            self._apply_if(finite, unscaled, trainable_variables)
            self._update_scale(finite, scale)

    def _apply_if(self, finite, grads, trainable_variables):
        # The update is computed in a scratch scope, then kept or dropped with `where`.
        inner = self.inner_optimizer
        watched = unique_variables(list(inner._trainable_variables) + inner.variables)
        snapshot = [(variable, variable.value) for variable in watched]
        with backend.StatelessScope(snapshot) as scratch:
            inner.apply(grads, trainable_variables)
        for variable, old in snapshot:
            new = scratch.updated_value(variable)
            if new is not None:
                variable.assign(ops.where(finite, new, old))

    def _update_scale(self, finite, scale):
        counter = self.step_counter.value
        grow = ops.logical_and(finite, counter + 1 >= self.dynamic_growth_steps)
        self.dynamic_scale.assign(
            ops.where(finite, ops.where(grow, scale * 2.0, scale), scale / 2.0))
        self.step_counter.assign(
            ops.where(finite, ops.where(grow, 0, counter + 1), 0))

    def finalize_variable_values(self, var_list):
        self.inner_optimizer.finalize_variable_values(var_list)

    # --- config ------------------------------------------------------------------
    def get_config(self):
        from cornu import optimizers

        config = super().get_config()
        del config["learning_rate"]
        config.update({
            "inner_optimizer": optimizers.serialize(self.inner_optimizer),
            "initial_scale": self.initial_scale,
            "dynamic_growth_steps": self.dynamic_growth_steps,
        })
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from cornu import optimizers

        config = dict(config)
        inner = optimizers.deserialize(config.pop("inner_optimizer"),
                                       custom_objects=custom_objects)
        return cls(inner, **config)
