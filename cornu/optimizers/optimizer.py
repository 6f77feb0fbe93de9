"""The `Optimizer` base class: variables, learning rate, and the shared update pipeline.

Every optimizer goes through the same pipeline in `apply`: drop missing gradients,
undo loss scaling, (accumulate), clip, decay weights, run the per-variable rule,
update EMA averages, project constrained variables, count the step. Subclasses only
create their slot variables in `build` and write `update_step`; engine-specific
multi-tensor kernels are an optional `_fused_update`.
"""
import re
import warnings

from cornu import backend, ops
from cornu.backend import engine
from cornu.backend.common import naming, state
from cornu.optimizers import gradient_accumulation, gradient_clipping, optimizer_arguments
from cornu.optimizers.schedules.learning_rate_schedule import (
    LearningRateSchedule,
    deserialize as deserialize_schedule,
    serialize as serialize_schedule,
)


class Optimizer:
    """Base class for all optimizers.

    Args:
        learning_rate: a float, a `LearningRateSchedule`, or a zero-argument callable.
        weight_decay: if set, variables shrink by `variable * weight_decay * lr` each step.
        clipnorm: clip each gradient to this L2 norm.
        clipvalue: clip each gradient element to `[-clipvalue, clipvalue]`.
        global_clipnorm: clip all gradients jointly to this global L2 norm.
        use_ema: keep an exponential moving average of the trained variables.
        ema_momentum: momentum of that average.
        ema_overwrite_frequency: every this many steps, copy the averages into the variables.
        loss_scale_factor: gradients are divided by this (see `scale_loss`).
        gradient_accumulation_steps: update only every this many steps, with the mean gradient.
        name: name of the optimizer (prefix of its variables' paths).

    Example:
        >>> opt = cornu.optimizers.SGD(learning_rate=0.1)
        >>> v = cornu.Variable([1.0, 2.0])
        >>> opt.apply([cornu.ops.convert_to_tensor([1.0, 1.0])], [v])
    """

    _default_name = None

    def __init__(self, learning_rate, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        object.__setattr__(self, "_variables", [])
        if kwargs.pop("decay", None) is not None:
            warnings.warn("Argument `decay` is no longer supported and will be ignored.",
                          stacklevel=2)
        if "lr" in kwargs:
            raise ValueError(
                f"{type(self).__name__}: argument `lr` is not supported; "
                f"use `learning_rate={kwargs['lr']!r}` instead.")
        if kwargs:
            raise ValueError(f"{type(self).__name__}: argument(s) not recognized: {kwargs}")
        self.name = name or self._default_name or naming.to_snake_case(type(self).__name__)
        for arg_name, value in (("weight_decay", weight_decay), ("clipnorm", clipnorm),
                                ("clipvalue", clipvalue), ("global_clipnorm", global_clipnorm),
                                ("loss_scale_factor", loss_scale_factor)):
            optimizer_arguments.check_positive_or_none(arg_name, value)
        if gradient_accumulation_steps is not None and (
                isinstance(gradient_accumulation_steps, bool)
                or not isinstance(gradient_accumulation_steps, int)
                or gradient_accumulation_steps < 2):
            raise ValueError(
                "`gradient_accumulation_steps` must be an integer >= 2. Received: "
                f"gradient_accumulation_steps={gradient_accumulation_steps!r}")
        if use_ema:
            if not 0 <= ema_momentum <= 1:
                raise ValueError(
                    f"`ema_momentum` must be in the range [0, 1]. Received: "
                    f"ema_momentum={ema_momentum}")
            optimizer_arguments.check_positive_or_none(
                "ema_overwrite_frequency", ema_overwrite_frequency, integer=True)
        clip_args = [a for a in (clipnorm, clipvalue, global_clipnorm) if a is not None]
        if len(clip_args) > 1:
            raise ValueError(
                "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                f"Received: clipnorm={clipnorm}, clipvalue={clipvalue}, "
                f"global_clipnorm={global_clipnorm}")
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.clipvalue = clipvalue
        self.global_clipnorm = global_clipnorm
        self.use_ema = bool(use_ema)
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.built = False
        self._trainable_variables = []
        self._trainable_variables_indices = {}
        self._exclude_from_weight_decay = set()
        self._exclude_from_weight_decay_names = []
        self._model_variables_moving_average = []
        self._accumulated_gradients = []

        with backend.name_scope(self.name):
            # Weight files store the step counter as int32 on torch and jax.
            self._iterations = backend.Variable(0, name="iteration", dtype="int32",
                                                trainable=False)
        self._track_variable(self._iterations)
        self._learning_rate = self._make_learning_rate(learning_rate)

    # --- variable tracking ------------------------------------------------------
    def __setattr__(self, name, value):
        if isinstance(value, backend.Variable) and name != "_learning_rate":
            self._track_variable(value)
        object.__setattr__(self, name, value)

    def _track_variable(self, variable):
        if not any(v is variable for v in self._variables):
            self._variables.append(variable)

    def _untrack_variable(self, variable):
        self._variables[:] = [v for v in self._variables if v is not variable]

    def _make_learning_rate(self, learning_rate):
        if isinstance(learning_rate, LearningRateSchedule) or callable(learning_rate):
            return learning_rate
        if isinstance(learning_rate, bool) or not _is_real_number(learning_rate):
            raise ValueError(
                "Argument `learning_rate` should be a float, a LearningRateSchedule, or a "
                "callable returning the learning rate. Received instead: "
                f"learning_rate={learning_rate!r} (of type {type(learning_rate).__name__})")
        with backend.name_scope(self.name):
            variable = backend.Variable(float(learning_rate), name="learning_rate",
                                        dtype=backend.floatx(), trainable=False)
        self._track_variable(variable)
        return variable

    @property
    def variables(self):
        """Optimizer state in weight-file order: iterations, learning rate, slots."""
        return self._variables[:]

    @property
    def iterations(self):
        """Number of updates applied (counted in whole accumulation cycles if accumulating)."""
        if self.gradient_accumulation_steps:
            return self._iterations.value // self.gradient_accumulation_steps
        return self._iterations

    def _step_value(self):
        """Current update count as a raw tensor (what `update_step` rules call t-1)."""
        value = self._iterations.value
        if self.gradient_accumulation_steps:
            return value // self.gradient_accumulation_steps
        return value

    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="none",
                     layout=None, name=None):
        """Create a non-trainable variable owned (and saved) by this optimizer.

        Args:
            shape: fully defined shape.
            initializer: `"zeros"`, `"ones"`, a number, a name or an initializer callable.
            dtype: defaults to floatx.
            aggregation: kept for API compatibility.
            layout: ignored (no distribution support).
            name: variable name.

        Returns:
            The new `cornu.Variable`.
        """
        shape = tuple(int(d) for d in shape)
        value = optimizer_arguments.initial_value(initializer, shape, dtype)
        with backend.name_scope(self.name):
            variable = backend.Variable(value, shape=shape, dtype=dtype, trainable=False,
                                        name=name or "variable")
        self._track_variable(variable)
        return variable

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """A slot variable shaped like `reference_variable`, named `<its path>_<name>`."""
        name = name or "var"
        reference_name = getattr(reference_variable, "path", None) or str(reference_variable.name)
        full_name = reference_name.replace("/", "_").replace(":", "_") + "_" + name
        return self.add_variable(shape=reference_variable.shape, initializer=initializer,
                                 dtype=reference_variable.dtype, name=full_name)

    def add_optimizer_variables(self, trainable_variables, name, initializer="zeros"):
        """One slot per trainable variable and per name, created interleaved per variable.

        Returns:
            A list of slots for a single name, or a tuple of lists for a list of names.
        """
        names = [name] if isinstance(name, str) else list(name)
        if isinstance(initializer, (list, tuple)):
            initializers = list(initializer)
        else:
            initializers = [initializer] * len(names)
        if len(initializers) != len(names):
            raise ValueError(
                f"The number of names ({len(names)}) must match the number of initializers "
                f"({len(initializers)}). Received name={name!r}, initializer={initializer!r}")
        slots = tuple([] for _ in names)
        for variable in trainable_variables:
            for index, (slot_name, slot_init) in enumerate(zip(names, initializers)):
                slots[index].append(
                    self.add_variable_from_reference(variable, slot_name, slot_init))
        return slots[0] if isinstance(name, str) else slots

    def build(self, variables):
        """Create the optimizer state for `variables` (EMA averages, accumulators, slots)."""
        if self.built:
            return
        variables = list(variables)
        if self.use_ema:
            self._model_variables_moving_average = self.add_optimizer_variables(
                variables, "average")
        if self.gradient_accumulation_steps:
            self._accumulated_gradients = self.add_optimizer_variables(
                variables, "gradient_accumulator")
        self._trainable_variables_indices = {id(v): i for i, v in enumerate(variables)}
        self._trainable_variables = variables[:]
        self.built = True

    def _get_variable_index(self, variable):
        return self._trainable_variables_indices[id(variable)]

    # --- learning rate ----------------------------------------------------------
    @property
    def learning_rate(self):
        """The current learning rate (a Variable, or the schedule's value at this step)."""
        return self._get_current_learning_rate()

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        previous = self._learning_rate if isinstance(self._learning_rate,
                                                     backend.Variable) else None
        if isinstance(learning_rate, LearningRateSchedule) or callable(learning_rate):
            object.__setattr__(self, "_learning_rate", learning_rate)
        elif isinstance(self._learning_rate, LearningRateSchedule) or previous is None:
            raise TypeError(
                "This optimizer was created with a LearningRateSchedule (or a callable) as its "
                "`learning_rate`, hence its learning rate is not settable to a number. Create "
                "the optimizer with a float `learning_rate` to be able to set it.")
        else:
            self._learning_rate.assign(learning_rate)
        if previous is not None and not isinstance(self._learning_rate, backend.Variable):
            self._untrack_variable(previous)

    @property
    def lr(self):
        """Keras 2 alias of `learning_rate`."""
        return self.learning_rate

    @lr.setter
    def lr(self, value):
        self.learning_rate = value

    def _get_current_learning_rate(self):
        if isinstance(self._learning_rate, LearningRateSchedule):
            return self._learning_rate(self._iterations.value)
        if isinstance(self._learning_rate, backend.Variable):
            return self._learning_rate
        if callable(self._learning_rate):
            return self._learning_rate()
        return self._learning_rate

    def _learning_rate_value(self):
        learning_rate = self._get_current_learning_rate()
        if isinstance(learning_rate, backend.Variable):
            return learning_rate.value
        return backend.convert_to_tensor(learning_rate, dtype=backend.floatx())

    # --- applying gradients -----------------------------------------------------
    def apply_gradients(self, grads_and_vars):
        """Apply `(gradient, variable)` pairs; returns the `iterations` variable."""
        pairs = list(grads_and_vars)
        if not pairs:
            return self._iterations
        grads, variables = zip(*pairs)
        self.apply(list(grads), list(variables))
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """Update `trainable_variables` (or the variables it was built with) from `grads`.

        Args:
            grads: list of gradient tensors (`None` entries are skipped with a warning).
            trainable_variables: list of variables; builds the optimizer on first use.
        """
        grads = list(grads)
        if not grads:
            return
        trainable_variables = self._variables_to_update(trainable_variables)
        if len(grads) != len(trainable_variables):
            raise ValueError(
                f"{type(self).__name__}.apply: received {len(grads)} gradients for "
                f"{len(trainable_variables)} variables; they must match one to one.")
        with engine.optimizers.update_context():
            grads, trainable_variables = self._filter_empty_gradients(grads, trainable_variables)
            if self.loss_scale_factor is not None:
                grads = [g / self.loss_scale_factor for g in grads]
            self._backend_apply_gradients(grads, trainable_variables)
            for variable in trainable_variables:
                constraint = getattr(variable, "constraint", None)
                if constraint is not None:
                    variable.assign(constraint(variable))
            self._iterations.assign(self._iterations.value + 1)

    def _variables_to_update(self, trainable_variables):
        """The variables an `apply` call updates; builds the optimizer on first use."""
        if trainable_variables is None:
            if not self.built:
                raise ValueError(
                    "When passing `grads` without `variables`, the optimizer must already be "
                    "built on a list of variables. Call `optimizer.build(trainable_variables)` "
                    "first.")
            return self._trainable_variables
        trainable_variables = list(trainable_variables)
        if not self.built:
            self.build(trainable_variables)
            self.built = True
        self._check_variables_are_known(trainable_variables)
        return trainable_variables

    def _check_variables_are_known(self, variables):
        for variable in variables:
            if id(variable) not in self._trainable_variables_indices:
                raise ValueError(
                    f"Unknown variable: {variable}. This optimizer can only be called for the "
                    "variables it was originally built with. When working with a new set of "
                    "variables, create a new optimizer instance.")

    def _filter_empty_gradients(self, grads, variables):
        kept_grads, kept_vars, missing = [], [], []
        for grad, variable in zip(grads, variables):
            if grad is None:
                missing.append(getattr(variable, "path", variable.name))
                continue
            if not backend.is_tensor(grad):
                grad = backend.convert_to_tensor(grad, dtype=variable.dtype)
            if tuple(grad.shape) != tuple(variable.shape):
                raise ValueError(
                    f"{type(self).__name__}: gradient for variable {variable.path!r} has shape "
                    f"{tuple(grad.shape)}, expected the variable's shape {tuple(variable.shape)}.")
            kept_grads.append(grad)
            kept_vars.append(variable)
        if not kept_grads:
            raise ValueError("No gradients provided for any variable.")
        if missing:
            warnings.warn(
                f"Gradients do not exist for variables {missing} when minimizing the loss. If "
                "using `model.compile()`, did you forget to provide a `loss` argument?",
                stacklevel=3)
        return kept_grads, kept_vars

    def _backend_apply_gradients(self, grads, variables):
        if self.gradient_accumulation_steps:
            gradient_accumulation.apply_with_accumulation(self, grads, variables)
        else:
            self._clip_decay_and_update(grads, variables)
        if self.use_ema:
            self._update_model_variables_moving_average(self._trainable_variables)
            if self.ema_overwrite_frequency:
                self._maybe_overwrite_with_averages()

    def _clip_decay_and_update(self, grads, variables):
        grads = self._clip_gradients(grads)
        self._apply_weight_decay(variables)
        self._backend_update_step(grads, variables, self._learning_rate_value())

    def _backend_update_step(self, grads, variables, learning_rate):
        if not state.in_stateless_scope() and not state.in_symbolic_scope():
            if self._fused_update(grads, variables, learning_rate):
                return
        for grad, variable in zip(grads, variables):
            self.update_step(grad, variable, learning_rate)

    def _fused_update(self, grads, variables, learning_rate):
        """Engine multi-tensor path for eager, stateful updates; return True if it ran."""
        return False

    def assign(self, variable, value):
        """Set `variable` to `value` (use in `update_step`; respects stateless scopes)."""
        variable.assign(value)

    def assign_add(self, variable, value):
        """Add `value` to `variable`."""
        variable.assign(variable.value + backend.cast(value, variable.dtype))

    def assign_sub(self, variable, value):
        """Subtract `value` from `variable`."""
        variable.assign(variable.value - backend.cast(value, variable.dtype))

    def update_step(self, gradient, variable, learning_rate):
        """Apply this optimizer's rule to one variable (override in subclasses)."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement `update_step(gradient, variable, "
            "learning_rate)`.")

    def stateless_apply(self, optimizer_variables, grads, trainable_variables):
        """Pure version of `apply`: returns `(new_trainable_values, new_optimizer_values)`.

        Nothing is mutated, so it can run under `jax.jit` with traced values.

        Args:
            optimizer_variables: values matching `optimizer.variables` one to one.
            grads: gradients matching the variables the optimizer was built with.
            trainable_variables: current values of those variables.
        """
        if not self.built:
            raise ValueError(
                f"To call `stateless_apply`, {type(self).__name__} must be built (i.e. its "
                "variables must have been created). You can build it via "
                "`optimizer.build(trainable_variables)`.")
        optimizer_variables = list(optimizer_variables)
        trainable_variables = list(trainable_variables)
        if len(optimizer_variables) != len(self._variables):
            raise ValueError(
                "Argument `optimizer_variables` must be a list of tensors corresponding 1:1 to "
                f"{type(self).__name__}().variables. Received list with length "
                f"{len(optimizer_variables)}, but expected {len(self._variables)} variables.")
        if len(trainable_variables) != len(self._trainable_variables):
            raise ValueError(
                "Argument `trainable_variables` must be a list of tensors corresponding 1:1 to "
                "the trainable variables list that the optimizer was built with. Received "
                f"{len(trainable_variables)} values whereas the optimizer was built with "
                f"{len(self._trainable_variables)} variables.")
        mapping = list(zip(self._trainable_variables, map(_raw, trainable_variables)))
        mapping += list(zip(self._variables, map(_raw, optimizer_variables)))
        with backend.StatelessScope(mapping) as scope:
            self.apply(grads)
        new_trainable = [scope.get_current_value(v) for v in self._trainable_variables]
        new_optimizer = [scope.get_current_value(v) for v in self._variables]
        return new_trainable, new_optimizer

    def scale_loss(self, loss):
        """Multiply `loss` by `loss_scale_factor` (if set) before differentiating."""
        if self.loss_scale_factor is not None:
            return loss * self.loss_scale_factor
        return loss

    # --- clipping, weight decay, EMA --------------------------------------------
    def _clip_gradients(self, grads):
        if self.clipnorm and self.clipnorm > 0:
            return [gradient_clipping.clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm and self.global_clipnorm > 0:
            return gradient_clipping.clip_by_global_norm(grads, self.global_clipnorm)
        if self.clipvalue and self.clipvalue > 0:
            return [ops.clip(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Exempt variables (by object, or by regex on their names) from weight decay.

        Must be called before the optimizer is built.
        """
        if self.built:
            raise ValueError(
                "`exclude_from_weight_decay()` can only be configured before the optimizer "
                "is built.")
        self._exclude_from_weight_decay.update(id(v) for v in var_list or ())
        self._exclude_from_weight_decay_names.extend(var_names or ())

    def _use_weight_decay(self, variable):
        if id(variable) in self._exclude_from_weight_decay:
            return False
        return not any(re.search(pattern, variable.name)
                       for pattern in self._exclude_from_weight_decay_names)

    def _apply_weight_decay(self, variables):
        if self.weight_decay is None:
            return
        learning_rate = self._learning_rate_value()
        decayed = [v for v in variables if self._use_weight_decay(v)]
        kernel = getattr(engine.optimizers, "decay_weights", None)
        if decayed and kernel is not None and not state.in_stateless_scope() \
                and not state.in_symbolic_scope():
            kernel([v.value for v in decayed], learning_rate * self.weight_decay)
            return
        for variable in decayed:
            factor = backend.cast(learning_rate * self.weight_decay, variable.dtype)
            value = variable.value
            variable.assign(value - value * factor)

    def _update_model_variables_moving_average(self, variables):
        momentum_dtype = backend.floatx()
        started = backend.cast(self._step_value() != 0, momentum_dtype)
        momentum = started * self.ema_momentum
        for variable, average in zip(variables, self._model_variables_moving_average):
            m = backend.cast(momentum, average.dtype)
            average.assign(m * average.value + (1 - m) * variable.value)

    def _maybe_overwrite_with_averages(self):
        should_overwrite = (self._step_value() + 1) % self.ema_overwrite_frequency == 0
        for variable, average in zip(self._trainable_variables,
                                     self._model_variables_moving_average):
            variable.assign(ops.where(should_overwrite, average.value, variable.value))

    def _overwrite_model_variables_with_average_value(self, variables):
        for variable in variables:
            average = self._model_variables_moving_average[self._get_variable_index(variable)]
            variable.assign(average.value)

    def finalize_variable_values(self, var_list):
        """At the end of training, replace variables by their EMA averages if `use_ema`."""
        if self.use_ema:
            self._overwrite_model_variables_with_average_value(var_list)

    # --- state and config ---------------------------------------------------------
    def set_weights(self, weights):
        """Assign values to `variables`, in order."""
        if not self.built:
            raise ValueError(
                "You are calling `set_weights()` on an optimizer that has not yet been built. "
                "Call `optimizer.build(trainable_variables)` first.")
        for variable, weight in zip(self._variables, weights):
            if tuple(variable.shape) != tuple(weight.shape):
                raise ValueError(
                    f"Optimizer variable {variable.path!r} has shape {tuple(variable.shape)}, "
                    f"not compatible with provided weight shape {tuple(weight.shape)}.")
            variable.assign(weight)

    def get_weights(self):
        return [backend.convert_to_numpy(v) for v in self._variables]

    def save_own_variables(self, store):
        """Write `variables` to `store["0"]`, `store["1"]`, ..."""
        for index, variable in enumerate(self._variables):
            store[str(index)] = backend.convert_to_numpy(variable)

    def load_own_variables(self, store):
        """Read `variables` back; warns and skips if the count differs."""
        if len(store.keys()) != len(self._variables):
            message = (f"Skipping variable loading for optimizer '{self.name}', because it has "
                       f"{len(self._variables)} variables whereas the saved optimizer has "
                       f"{len(store.keys())} variables. ")
            if len(self._variables) <= 2 and not self.built:
                message += "This is likely because the optimizer has not been called/built yet."
            warnings.warn(message, stacklevel=2)
            return
        for index, variable in enumerate(self._variables):
            variable.assign(store[str(index)])

    def get_config(self):
        """Keras 3 config keys of the base optimizer (subclasses add their own)."""
        if isinstance(self._learning_rate, LearningRateSchedule):
            learning_rate = serialize_schedule(self._learning_rate)
        elif isinstance(self._learning_rate, backend.Variable):
            learning_rate = float(backend.convert_to_numpy(self._learning_rate))
        else:
            learning_rate = self._learning_rate
        return {
            "name": self.name,
            "learning_rate": learning_rate,
            "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm,
            "global_clipnorm": self.global_clipnorm,
            "clipvalue": self.clipvalue,
            "use_ema": self.use_ema,
            "ema_momentum": self.ema_momentum,
            "ema_overwrite_frequency": self.ema_overwrite_frequency,
            "loss_scale_factor": self.loss_scale_factor,
            "gradient_accumulation_steps": self.gradient_accumulation_steps,
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """Create an optimizer from `get_config()` output."""
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = deserialize_schedule(config["learning_rate"],
                                                           custom_objects=custom_objects)
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


def _is_real_number(value):
    import numbers

    if isinstance(value, numbers.Real):
        return True
    return hasattr(value, "shape") and tuple(value.shape) == () and hasattr(value, "dtype")


def _raw(value):
    return value.value if isinstance(value, backend.Variable) else value
