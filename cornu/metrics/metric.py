"""`Metric`: stateful accumulation of a quality measure, with a stateless twin API."""
import functools

from cornu import backend
from cornu import ops
from cornu.backend.common import naming, state
from cornu.backend.common.naming import name_scope
from cornu.losses.loss import resolve_compute_dtype


def _initial_value(initializer, shape, dtype):
    if initializer is None or initializer == "zeros":
        return ops.zeros(shape, dtype=dtype)
    if initializer == "ones":
        return ops.ones(shape, dtype=dtype)
    if isinstance(initializer, (int, float)):
        return ops.full(shape, initializer, dtype=dtype)
    if isinstance(initializer, str) or isinstance(initializer, dict):
        from cornu import initializers

        initializer = initializers.get(initializer)
    if callable(initializer):
        return ops.convert_to_tensor(initializer(shape, dtype=dtype), dtype=dtype)
    return ops.convert_to_tensor(initializer, dtype=dtype)


class Metric:
    """Base class of metrics: `update_state(...)` accumulates, `result()` reads.

    State lives in non-trainable variables made with `add_variable` (alias
    `add_weight`); `reset_state()` puts them back to their initial values. The
    `stateless_*` methods take and return variable values instead, for jitted
    training steps.

    Args:
        dtype: dtype of the result and state (floatx by default).
        name: name of the metric (snake-case class name by default).

    Example:
        >>> class Total(Metric):
        ...     def __init__(self, name="total"):
        ...         super().__init__(name=name)
        ...         self.total = self.add_variable((), "zeros", name="total")
        ...     def update_state(self, values):
        ...         self.total.assign_add(ops.sum(values))
        ...     def result(self):
        ...         return self.total.value
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        update = cls.__dict__.get("update_state")
        if update is not None and not getattr(update, "_keeps_state_when_traced", False):
            cls.update_state = _without_side_effects_when_traced(update)

    def __init__(self, dtype=None, name=None):
        object.__setattr__(self, "_variables", [])
        object.__setattr__(self, "_metrics", [])
        object.__setattr__(self, "_initializers", {})
        self.name = name or naming.uniquify(naming.to_snake_case(type(self).__name__))
        self._dtype_argument = dtype
        self._dtype = resolve_compute_dtype(dtype)
        self._direction = None

    # --- tracking ---------------------------------------------------------------
    def __setattr__(self, key, value):
        if isinstance(value, Metric) and not key.startswith("__"):
            sub_metrics = self.__dict__.get("_metrics")
            if sub_metrics is None:
                raise RuntimeError(
                    f"{type(self).__name__}: call `super().__init__()` before assigning "
                    f"sub-metrics in `__init__`.")
            if value not in sub_metrics:
                sub_metrics.append(value)
        object.__setattr__(self, key, value)

    @property
    def dtype(self):
        return self._dtype

    @property
    def variables(self):
        """All state variables (own first, then those of sub-metrics), in creation order."""
        collected = list(self._variables)
        for metric in self._metrics:
            collected.extend(metric.variables)
        return collected

    @property
    def trainable_variables(self):
        return []

    @property
    def non_trainable_variables(self):
        return self.variables

    def add_variable(self, shape, initializer, dtype=None, aggregation="sum", name=None):
        """Create a non-trainable state variable.

        Args:
            shape: shape tuple (`()` for a scalar).
            initializer: `"zeros"`, `"ones"`, a number, an initializer or callable.
            dtype: defaults to the metric's dtype.
            aggregation: how replicas combine it (`"sum"`, `"mean"`, ...).
            name: variable name.

        Returns:
            The `cornu.Variable`.
        """
        if "_variables" not in self.__dict__:
            raise RuntimeError(
                f"{type(self).__name__}: call `super().__init__()` before `add_variable`.")
        dtype = dtype or self._dtype
        shape = tuple(int(d) for d in (shape or ()))
        # A callable lets the engine build the value itself (outside any trace when the
        # metric is first built while shapes are inferred).
        def make_initial_value(shape, dtype=None):
            return _initial_value(initializer, shape, dtype)

        with name_scope(self.name.replace("/", "_") or "metric"):
            variable = backend.Variable(make_initial_value, shape=shape, dtype=dtype,
                                        trainable=False, aggregation=aggregation,
                                        name=name or "variable")
        self._variables.append(variable)
        self._initializers[id(variable)] = (initializer, shape, dtype)
        return variable

    def add_weight(self, shape=(), initializer=None, dtype=None, name=None, aggregation="sum"):
        """Alias of `add_variable` with Keras's `add_weight` argument order."""
        return self.add_variable(shape, initializer or "zeros", dtype=dtype,
                                 aggregation=aggregation, name=name)

    # --- stateful API -------------------------------------------------------------
    def update_state(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} must implement `update_state`.")

    def result(self):
        raise NotImplementedError(f"{type(self).__name__} must implement `result`.")

    def reset_state(self):
        """Put every state variable back to its initial value."""
        for variable in self._variables:
            initializer, shape, dtype = self._initializers[id(variable)]
            variable.assign(_initial_value(initializer, shape, dtype))
        for metric in self._metrics:
            metric.reset_state()

    def reset_states(self):
        """Keras-2 alias of `reset_state`."""
        self.reset_state()

    def __call__(self, *args, **kwargs):
        self.update_state(*args, **kwargs)
        return self.result()

    # --- stateless API ------------------------------------------------------------
    def _check_state_length(self, metric_variables, method):
        expected = len(self.variables)
        if len(metric_variables) != expected:
            raise ValueError(
                f"{type(self).__name__}.{method}: expected {expected} metric variable values "
                f"(one per entry of `metric.variables`), received {len(metric_variables)}.")

    def _state_mapping(self, metric_variables):
        mapping = []
        for variable, value in zip(self.variables, metric_variables):
            if isinstance(value, backend.Variable):
                value = value.value
            mapping.append((variable, ops.convert_to_tensor(value, dtype=variable.dtype)))
        return mapping

    def stateless_update_state(self, metric_variables, *args, **kwargs):
        """Run `update_state` on the given values; return the new values (no side effects).

        Args:
            metric_variables: current values, in the order of `metric.variables`.
            *args, **kwargs: what `update_state` takes.

        Returns:
            List of new values, same order.
        """
        self._check_state_length(metric_variables, "stateless_update_state")
        mapping = self._state_mapping(metric_variables)
        with backend.StatelessScope(state_mapping=mapping) as scope:
            self.update_state(*args, **kwargs)
        return [_current_value(scope, variable, value) for variable, value in mapping]

    def stateless_result(self, metric_variables):
        """`result()` computed from the given variable values."""
        self._check_state_length(metric_variables, "stateless_result")
        with backend.StatelessScope(state_mapping=self._state_mapping(metric_variables)):
            return self.result()

    def stateless_reset_state(self):
        """Initial variable values, in the order of `metric.variables` (no side effects)."""
        with backend.StatelessScope() as scope:
            self.reset_state()
        return [_current_value(scope, variable, variable.value) for variable in self.variables]

    # --- config -------------------------------------------------------------------
    def get_config(self):
        return {"name": self.name, "dtype": self._dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"

    def __str__(self):
        return self.__repr__()


def _current_value(scope, variable, fallback):
    value = scope.get_current_value(variable)
    return fallback if value is None else value


def _without_side_effects_when_traced(update_state):
    """Wrap `update_state` so shape inference (a symbolic build) never changes the state.

    Lazily built metrics still create their variables then; the updates computed
    from placeholder inputs are recorded in a throw-away `StatelessScope`.
    """
    @functools.wraps(update_state)
    def wrapper(self, *args, **kwargs):
        if state.in_symbolic_scope() and not state.in_stateless_scope():
            with backend.StatelessScope():
                return update_state(self, *args, **kwargs)
        return update_state(self, *args, **kwargs)

    wrapper._keeps_state_when_traced = True
    return wrapper
