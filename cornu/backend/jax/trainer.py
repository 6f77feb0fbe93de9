"""JAX training steps: one pure function over a state tuple, compiled once with `jax.jit`.

State = (trainable values, non-trainable values, optimizer values, metric values).
It stays on the device between steps and is written back to the variables only when
`sync()` is called (end of epoch / evaluation), so a step costs one dispatch. Variables
assigned from outside (callbacks) are noticed through their assignment versions.
"""
import inspect

import jax
import numpy as np
import optree

from cornu.backend.common import state as call_state
from cornu.backend.common.batches import batch_size, unpack_batch
from cornu.backend.common.state import StatelessScope


def _scope(model, trainable, non_trainable, metrics_values, optimizer_values=None):
    mapping = list(zip(model._trainable_variables_for_step(), trainable))
    mapping += list(zip(model._non_trainable_variables_for_step(), non_trainable))
    mapping += list(zip(model.metrics_variables, metrics_values))
    if optimizer_values is not None:
        mapping += list(zip(model.optimizer.variables, optimizer_values))
    return StatelessScope(state_mapping=mapping)


def _read(scope, variables, values):
    result = []
    for variable, value in zip(variables, values):
        updated = scope.updated_value(variable)
        result.append(value if updated is None else updated)
    return result


def train_step(model, state, data):
    """Default stateless train step: `(logs, new_state)`."""
    trainable, non_trainable, optimizer_values, metrics_values = state
    x, y, sample_weight = unpack_batch(data)
    non_trainable_vars = model._non_trainable_variables_for_step()

    def loss_fn(trainable_values):
        with _scope(model, trainable_values, non_trainable, metrics_values,
                    optimizer_values) as scope:
            y_pred = model(x, training=True)
            loss = model.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight,
                                      training=True)
            # The optimizer's loss scale (a dynamic one lives in the optimizer state)
            # enters the gradients only; `apply` divides it out.
            scaled_loss = model.optimizer.scale_loss(loss)
            new_non_trainable = _read(scope, non_trainable_vars, non_trainable)
            tracker_values = _read(scope, model.metrics_variables, metrics_values)
        model._clear_losses()
        # add_metric values must leave the gradient trace as outputs, not as attributes.
        added = model._pop_added_metric_values()
        return scaled_loss, (loss, y_pred, new_non_trainable, tracker_values, added)

    (_, (loss, y_pred, non_trainable, metrics_values, added)), grads = jax.value_and_grad(
        loss_fn, has_aux=True)(trainable)
    trainable, optimizer_values = model.optimizer.stateless_apply(
        optimizer_values, grads, trainable)
    y_pred = jax.lax.stop_gradient(y_pred)
    model._added_metric_values.update(jax.lax.stop_gradient(added))
    with _scope(model, trainable, non_trainable, metrics_values) as scope:
        model._loss_tracker.update_state(loss, sample_weight=batch_size(x))
        logs = model.compute_metrics(x, y, y_pred, sample_weight)
        metrics_values = _read(scope, model.metrics_variables, metrics_values)
    return logs, (trainable, non_trainable, optimizer_values, metrics_values)


def test_step(model, state, data):
    trainable, non_trainable, metrics_values = state
    x, y, sample_weight = unpack_batch(data)
    with _scope(model, trainable, non_trainable, metrics_values) as scope:
        y_pred = model(x, training=False)
        if model._compile_loss is not None or model.losses:
            loss = model.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight,
                                      training=False)
            model._loss_tracker.update_state(loss, sample_weight=batch_size(x))
        logs = model.compute_metrics(x, y, y_pred, sample_weight)
        non_trainable = _read(scope, model._non_trainable_variables_for_step(), non_trainable)
        metrics_values = _read(scope, model.metrics_variables, metrics_values)
    model._clear_losses()
    return logs, (trainable, non_trainable, metrics_values)


def predict_step(model, state, data):
    trainable, non_trainable = state
    x, _, _ = unpack_batch(data)
    with _scope(model, trainable, non_trainable, []):
        outputs = model(x, training=False)
    model._clear_losses()
    return outputs, state


def zero_grad(variables):
    """JAX has no accumulated gradients; nothing to clear."""


def _is_stateless_override(method):
    parameters = [p for p in inspect.signature(method).parameters.values()
                  if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    return len(parameters) >= 2


def _to_array(value):
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value.astype(np.float32)
    return value


class StepFunction:
    """Holds the jitted step and the device-side state between calls."""

    def __init__(self, model, kind):
        self.model = model
        self.kind = kind
        user_method = {"train": model.train_step, "test": model.test_step,
                       "predict": model.predict_step}[kind]
        default = {"train": train_step, "test": test_step, "predict": predict_step}[kind]
        if not model._overrides_step(kind):
            self.function = lambda state, data: default(model, state, data)
        elif _is_stateless_override(user_method):
            self.function = user_method
        else:
            raise TypeError(
                f"On the JAX backend, {type(model).__name__}.{kind}_step must be stateless: "
                f"`def {kind}_step(self, state, data)` returning `(logs, state)`.")
        self.jit = not (model.run_eagerly or model.jit_compile is False)
        self.state = None
        self._variables = None
        self._unsynced = False
        self._compile()

    def _compile(self):
        if self.jit:
            # The state is donated only for train/test, where it is a private copy.
            donate = (0,) if self.kind != "predict" else ()
            function = self.function
            # A fresh closure each time: jax caches traces per function object, and a
            # retrace is the point of recompiling.
            self.compiled = jax.jit(lambda state, data: function(state, data),
                                    donate_argnums=donate)
        else:
            self.compiled = self.function
        self._captured = {}
        self._captured_check_count = call_state.assign_count[0]
        self._traced = False

    def _groups(self):
        model = self.model
        if self.kind == "train":
            return [model._trainable_variables_for_step(),
                    model._non_trainable_variables_for_step(),
                    list(model.optimizer.variables), model.metrics_variables]
        if self.kind == "test":
            return [model._trainable_variables_for_step(),
                    model._non_trainable_variables_for_step(), model.metrics_variables]
        return [model._trainable_variables_for_step(), model._non_trainable_variables_for_step()]

    def _load_state(self):
        self._variables = self._groups()
        copy = self.kind != "predict"
        self.state = tuple([_private(v.value, copy) for v in group] for group in self._variables)
        self._versions = [[v._version for v in group] for group in self._variables]
        self._assign_count = call_state.assign_count[0]

    def _refresh_if_assigned(self):
        """Pull in values that callbacks or user code assigned since the last step."""
        if self._assign_count == call_state.assign_count[0]:
            return
        self._assign_count = call_state.assign_count[0]
        for group_index, group in enumerate(self._variables):
            versions = self._versions[group_index]
            for index, variable in enumerate(group):
                if variable._version != versions[index]:
                    versions[index] = variable._version
                    self.state[group_index][index] = _private(variable.value,
                                                              self.kind != "predict")

    def _retrace_if_captured_changed(self):
        """A variable baked into the compiled step as a constant was reassigned: retrace."""
        if self._captured_check_count == call_state.assign_count[0]:
            return
        self._captured_check_count = call_state.assign_count[0]
        if any(v._version != version for v, version in self._captured.values()):
            self._compile()

    def __call__(self, batch):
        if self.state is None:
            self._load_state()
        else:
            self._refresh_if_assigned()
        self._retrace_if_captured_changed()
        batch = optree.tree_map(_to_array, batch, none_is_leaf=True)
        if not self._traced:
            with call_state.capture_unmapped_reads() as capture:
                outputs, new_state = self.compiled(self.state, batch)
            self._captured = {key: (v, v._version) for key, v in capture.variables.items()}
            self._traced = True
        else:
            outputs, new_state = self.compiled(self.state, batch)
        self.state = tuple(list(group) for group in new_state)
        self._unsynced = True
        return outputs

    def sync(self, keep_state=False):
        """Write the device state back into the variables.

        With `keep_state`, the variables get copies (the state buffers are donated to the
        next step) and the state stays live; otherwise the state is dropped and re-read
        from the variables at the next step.
        """
        if self.state is None or (keep_state and not self._unsynced):
            return
        self._unsynced = False
        if self.kind != "predict":
            for group, values in zip(self._variables, self.state):
                for variable, value in zip(group, values):
                    variable._direct_assign(_private(value, keep_state))
        if not keep_state:
            self.state = None


def _private(value, copy):
    return jax.numpy.array(value, copy=True) if copy else value


def make_step_function(model, kind):
    return StepFunction(model, kind)
