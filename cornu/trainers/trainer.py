"""`Trainer`: compile / fit / evaluate / predict, shared by both engines.

The engine-specific part (how one step runs: eager torch with autograd, or one
jitted JAX function over a state tuple) lives in `cornu/backend/<engine>/trainer.py`
and is reached through `engine.trainer`.
"""
import numpy as np
import optree

from cornu import backend
from cornu.backend import engine
from cornu.trainers import epoch_iterator
from cornu.trainers.compile_utils import CompileLoss, CompileMetrics


class Trainer:
    def __init__(self):
        self.compiled = False
        self.optimizer = None
        self.loss = None
        self.stop_training = False
        self.history = None
        self._compile_state = None
        self._compile_config = None
        self._loss_tracker = None
        self._output_loss_trackers = []
        self._added_metrics = {}
        self.steps_per_execution = 1
        self.jit_compile = "auto"
        self.run_eagerly = False
        self._step_functions = {}
        self._variables_cache = {}

    # ---------------------------------------------------------------- compile
    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None,
                weighted_metrics=None, run_eagerly=False, steps_per_execution=1,
                jit_compile="auto", auto_scale_loss=True):
        """Configure the model for training.

        Args:
            optimizer: optimizer name or instance.
            loss: loss name, function or `Loss`; a list (per output) or dict (by output name).
            loss_weights: scalars weighting each output's loss.
            metrics / weighted_metrics: metric names, functions or `Metric` objects, in the
                same structures as `loss`.
            run_eagerly: on JAX, run steps without `jax.jit` (debugging).
            steps_per_execution: accepted for compatibility (always 1 step per call).
            jit_compile: JAX jits by default; on torch `True` uses `torch.compile`.
        """
        from cornu import metrics as metrics_module
        from cornu import optimizers

        self.optimizer = optimizers.get(optimizer)
        if (auto_scale_loss and self.dtype_policy.name == "mixed_float16"
                and not isinstance(self.optimizer, optimizers.LossScaleOptimizer)):
            # float16 gradients underflow without loss scaling (Keras wraps here too).
            self.optimizer = optimizers.LossScaleOptimizer(self.optimizer)
        self.loss = loss
        output_names = self._compile_output_names()
        self._compile_loss = CompileLoss(loss, loss_weights, output_names) \
            if loss is not None else None
        has_metrics = metrics is not None or weighted_metrics is not None
        self._compile_metrics = CompileMetrics(
            metrics, weighted_metrics, output_names, loss=loss) if has_metrics else None
        self._loss_tracker = metrics_module.Mean(name="loss")
        self._output_loss_trackers = []  # made when the compiled loss is built
        self._added_metrics = {}
        self.run_eagerly = bool(run_eagerly)
        self.steps_per_execution = int(steps_per_execution)
        self.jit_compile = jit_compile
        self._compile_config = {
            "optimizer": self.optimizer, "loss": loss, "loss_weights": loss_weights,
            "metrics": metrics, "weighted_metrics": weighted_metrics,
            "run_eagerly": run_eagerly, "steps_per_execution": steps_per_execution,
            "jit_compile": jit_compile,
        }
        self._step_functions = {}
        self.compiled = True

    def _build_compiled_loss(self, y_pred):
        from cornu import metrics as metrics_module

        self._compile_loss.build(y_pred)
        self._output_loss_trackers = [metrics_module.Mean(name=name)
                                      for name in self._compile_loss.names]

    def _compile_output_names(self):
        names = getattr(self, "output_names", None)
        try:
            names = list(names) if names else []
        except TypeError:
            names = []
        return names or ["output"]

    def get_compile_config(self):
        if not self.compiled or self._compile_config is None:
            return {}
        from cornu.saving import serialization_lib

        config = {key: serialization_lib.serialize_keras_object(value)
                  for key, value in self._compile_config.items()}
        # Keras writes the resolved flag: JAX jits by default, torch runs eagerly.
        jit = self._compile_config["jit_compile"]
        config["jit_compile"] = (backend.backend() == "jax") if jit == "auto" else bool(jit)
        return config

    def compile_from_config(self, config):
        from cornu.saving import serialization_lib

        config = {key: serialization_lib.deserialize_keras_object(value)
                  for key, value in config.items()}
        if backend.backend() == "torch" and config.get("jit_compile") is True:
            # Files written on JAX record its resolved default (True); on torch that would
            # mean torch.compile, which the author never asked for.
            config["jit_compile"] = "auto"
        self.compile(**config)
        if self.built and self.optimizer is not None:
            self.optimizer.build(self.trainable_variables)

    # ---------------------------------------------------------------- metrics
    @property
    def metrics(self):
        """The loss tracker, compiled metrics and `add_metric` trackers, in that order."""
        result = []
        if self._loss_tracker is not None:
            result.append(self._loss_tracker)
        result.extend(self._output_loss_trackers)
        if getattr(self, "_compile_metrics", None) is not None:
            result.append(self._compile_metrics)
        result.extend(self._added_metrics.values())
        return result

    @property
    def metrics_names(self):
        return [metric.name for metric in self.metrics]

    @property
    def metrics_variables(self):
        variables = []
        for metric in self.metrics:
            variables.extend(metric.variables)
        return variables

    def reset_metrics(self):
        for metric in self.metrics:
            metric.reset_state()

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """Compiled loss plus the losses added by layers (`model.losses`).

        Also updates the per-output loss trackers of multi-output models.
        """
        total = None
        if self._compile_loss is not None:
            if not self._compile_loss.built:
                self._build_compiled_loss(y_pred)
            total, per_output = self._compile_loss(y, y_pred, sample_weight)
            for tracker, value in zip(self._output_loss_trackers, per_output):
                if value is not None:
                    tracker.update_state(value)
        added = self._losses_for_step()
        if added:
            from cornu import ops

            extra = ops.sum(ops.stack([ops.cast(ops.sum(v), "float32") for v in added]))
            total = extra if total is None else total + extra
        if total is None:
            raise ValueError(
                f"Model {self.name!r} has no loss to optimize: compile() was called without a "
                "`loss` and the model adds no loss with `add_loss()`.")
        return total

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        """Update the compiled and `add_metric` metrics; return the metrics' results."""
        if self._compile_metrics is not None and y is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        self._update_added_metrics()
        return self.get_metrics_result()

    def _pop_added_metric_values(self):
        """Take the values recorded by `add_metric` during the last forward pass."""
        values = {}
        for layer in self._layers_for_step():
            pending = getattr(layer, "_added_metric_values", None)
            if pending:
                values.update(pending)
                layer._added_metric_values = {}
        return values

    def _update_added_metrics(self):
        values = self._pop_added_metric_values()
        if not values:
            return
        from cornu import metrics as metrics_module

        for name, value in values.items():
            metric = self._added_metrics.get(name)
            if metric is None:
                metric = self._added_metrics[name] = metrics_module.Mean(name=name)
            metric.update_state(value)

    def get_metrics_result(self):
        """`{name: result}` for every metric, dict results flattened."""
        logs = {}
        for metric in self.metrics:
            result = metric.result()
            if isinstance(result, dict):
                logs.update(result)
            else:
                logs[metric.name] = result
        return logs

    # ------------------------------------------------------------ the steps
    def train_step(self, data):
        return engine.trainer.train_step(self, data)

    def test_step(self, data):
        return engine.trainer.test_step(self, data)

    def predict_step(self, data):
        return engine.trainer.predict_step(self, data)

    def _overrides_step(self, kind):
        """Whether this model class defines its own `<kind>_step`."""
        return getattr(type(self), f"{kind}_step") is not getattr(Trainer, f"{kind}_step")

    def _step_function(self, kind):
        function = self._step_functions.get(kind)
        if function is None:
            function = engine.trainer.make_step_function(self, kind)
            self._step_functions[kind] = function
        return function

    def _trainable_variables_for_step(self):
        cached = self._variables_cache.get("trainable")
        if cached is None:
            cached = self._variables_cache["trainable"] = self.trainable_variables
        return cached

    def _non_trainable_variables_for_step(self):
        cached = self._variables_cache.get("non_trainable")
        if cached is None:
            cached = self._variables_cache["non_trainable"] = self.non_trainable_variables
        return cached

    def _layers_for_step(self):
        cached = self._variables_cache.get("layers")
        if cached is None:
            cached = self._variables_cache["layers"] = self._flatten_layers(
                include_self=True, recursive=True)
        return cached

    def _losses_for_step(self):
        """`self.losses` from cached layer and regularizer lists (no tree walk per step)."""
        regularized = self._variables_cache.get("regularized")
        if regularized is None:
            regularized = self._variables_cache["regularized"] = [
                (variable, variable.regularizer)
                for layer in self._layers_for_step() for variable in layer._trainable_variables
                if getattr(variable, "regularizer", None) is not None]
        losses = []
        for layer in self._layers_for_step():
            if layer._losses:
                losses.extend(layer._losses)
        for variable, regularizer in regularized:
            if variable.trainable:
                losses.append(regularizer(variable))
        return losses

    def jax_state_sync(self):
        """Write the state held by running JAX steps back into the variables (no-op on torch)."""
        for step in self._step_functions.values():
            step.sync(keep_state=True)

    def zero_grad(self):
        """Clear accumulated gradients of the trainable variables (torch custom loops)."""
        engine.trainer.zero_grad(self.trainable_variables)

    # ------------------------------------------------------------------- fit
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True, class_weight=None,
            sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
            validation_batch_size=None, validation_freq=1):
        """Train for `epochs` epochs; returns a `History` whose `.history` has per-epoch logs."""
        from cornu.callbacks import CallbackList

        self._assert_compiled("fit")
        if validation_split and validation_data is None:
            from cornu.trainers.data_adapters import train_validation_split

            (x, y, sample_weight), validation_data = train_validation_split(
                (x, y, sample_weight), validation_split=validation_split)
        iterator = epoch_iterator.EpochIterator(
            x, y, sample_weight, batch_size=batch_size, steps_per_epoch=steps_per_epoch,
            shuffle=shuffle, class_weight=class_weight, epochs=epochs - initial_epoch)
        val_iterator = None
        if validation_data is not None:
            from cornu.trainers.data_adapters import unpack_x_y_sample_weight

            if isinstance(validation_data, (tuple, list)):
                val_x, val_y, val_sw = unpack_x_y_sample_weight(tuple(validation_data))
            else:
                val_x, val_y, val_sw = validation_data, None, None
            val_iterator = epoch_iterator.EpochIterator(
                val_x, val_y, val_sw, batch_size=validation_batch_size or batch_size,
                steps_per_epoch=validation_steps, shuffle=False)
        self._prepare(iterator, training=True)
        verbose = _resolve_verbose(verbose)
        if not isinstance(callbacks, CallbackList):
            callbacks = CallbackList(callbacks, add_history=True, add_progbar=verbose != 0,
                                     model=self, verbose=verbose, epochs=epochs,
                                     steps=iterator.num_batches)
        step = self._step_function("train")
        self.stop_training = False
        self._initial_epoch = None  # BackupAndRestore may set it in on_train_begin
        callbacks.on_train_begin()
        initial_epoch = max(initial_epoch, getattr(self, "_initial_epoch", None) or 0)
        epoch_logs = {}
        training_logs = None
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            callbacks.on_epoch_begin(epoch)
            logs = {}
            for index, batch in iterator.enumerate_epoch():
                callbacks.on_train_batch_begin(index)
                logs = step(batch)
                callbacks.on_train_batch_end(index, logs)
                if self.stop_training:
                    break
            step.sync()
            if not logs and iterator.num_batches == 0:
                raise ValueError("fit() received no data: the dataset yielded no batch.")
            epoch_logs = _to_python_logs(self._epoch_logs(logs))
            if val_iterator is not None and _should_validate(epoch, validation_freq):
                val_logs = self._evaluate_loop(val_iterator, callbacks)
                epoch_logs.update({f"val_{name}": value for name, value in val_logs.items()})
            callbacks.on_epoch_end(epoch, epoch_logs)
            training_logs = epoch_logs
            if self.stop_training:
                break
        callbacks.on_train_end(logs=training_logs)
        return self.history

    def _epoch_logs(self, last_logs):
        """Flatten the last step's logs and order them like `self.metrics` (JAX sorts keys)."""
        if not last_logs:
            return {}
        flat = _flatten_logs(last_logs)
        ordered = {}
        for metric in self.metrics:
            names = [m.name for m in metric.metrics] if isinstance(metric, CompileMetrics) \
                else [metric.name]
            for name in names:
                if name in flat:
                    ordered[name] = flat[name]
        for name, value in flat.items():
            ordered.setdefault(name, value)
        return ordered

    # -------------------------------------------------------------- evaluate
    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None,
                 steps=None, callbacks=None, return_dict=False, **kwargs):
        """Loss and metrics on the given data: a list (`metrics_names` order) or a dict."""
        from cornu.callbacks import CallbackList

        self._assert_compiled("evaluate")
        iterator = epoch_iterator.EpochIterator(
            x, y, sample_weight, batch_size=batch_size, steps_per_epoch=steps, shuffle=False)
        self._prepare(iterator, training=False)
        verbose = _resolve_verbose(verbose)
        if not isinstance(callbacks, CallbackList):
            callbacks = CallbackList(callbacks, add_progbar=verbose != 0, model=self,
                                     verbose=verbose, epochs=1, steps=iterator.num_batches)
        logs = self._evaluate_loop(iterator, callbacks)
        if return_dict:
            return logs
        values = list(logs.values())
        return values[0] if len(values) == 1 else values

    def _evaluate_loop(self, iterator, callbacks):
        self._prepare(iterator, training=False)
        step = self._step_function("test")
        self.reset_metrics()
        callbacks.on_test_begin()
        logs = {}
        for index, batch in iterator.enumerate_epoch():
            callbacks.on_test_batch_begin(index)
            logs = step(batch)
            callbacks.on_test_batch_end(index, logs)
        step.sync()
        logs = _to_python_logs(self._epoch_logs(logs))
        callbacks.on_test_end(logs)
        return logs

    # --------------------------------------------------------------- predict
    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        """Model outputs for `x` as NumPy arrays, batches concatenated."""
        from cornu.callbacks import CallbackList

        verbose = _resolve_verbose(verbose)
        if self.built and steps is None and callbacks is None and verbose == 0 and \
                _is_single_batch(x, batch_size or 32):
            # One in-memory batch: no data adapter, iterator or callbacks to set up.
            step = self._step_function("predict")
            outputs = step((x,))
            step.sync()
            return optree.tree_map(backend.convert_to_numpy, outputs, none_is_leaf=True)
        iterator = epoch_iterator.EpochIterator(
            x, None, None, batch_size=batch_size, steps_per_epoch=steps, shuffle=False)
        self._prepare(iterator, training=False)
        step = self._step_function("predict")
        if callbacks is None and verbose == 0:
            callbacks = None
        elif not isinstance(callbacks, CallbackList):
            callbacks = CallbackList(callbacks, add_progbar=verbose != 0, model=self,
                                     verbose=verbose, epochs=1, steps=iterator.num_batches)
        if callbacks is not None:
            callbacks.on_predict_begin()
        outputs = []
        for index, batch in iterator.enumerate_epoch():
            if callbacks is not None:
                callbacks.on_predict_batch_begin(index)
            batch_outputs = step(batch)
            outputs.append(optree.tree_map(backend.convert_to_numpy, batch_outputs,
                                           none_is_leaf=True))
            if callbacks is not None:
                callbacks.on_predict_batch_end(index, {"outputs": batch_outputs})
        step.sync()
        if callbacks is not None:
            callbacks.on_predict_end()
        if not outputs:
            raise ValueError("predict() received no data: the dataset yielded no batch.")
        if len(outputs) == 1:
            return outputs[0]
        return optree.tree_map(lambda *parts: np.concatenate(parts, axis=0), *outputs,
                               none_is_leaf=False)

    # --------------------------------------------------------- batch methods
    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None,
                       return_dict=False):
        """One gradient step on one batch; returns the loss and metrics."""
        self._assert_compiled("train_on_batch")
        iterator = epoch_iterator.EpochIterator(
            x, y, sample_weight, batch_size=None, shuffle=False, class_weight=class_weight,
            single_batch=True)
        self._prepare(iterator, training=True)
        step = self._step_function("train")
        self.reset_metrics()
        logs = None
        for _, batch in iterator.enumerate_epoch():
            logs = step(batch)
        step.sync()
        return self._batch_result(logs, return_dict)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        self._assert_compiled("test_on_batch")
        iterator = epoch_iterator.EpochIterator(
            x, y, sample_weight, batch_size=None, shuffle=False, single_batch=True)
        self._prepare(iterator, training=False)
        step = self._step_function("test")
        self.reset_metrics()
        logs = None
        for _, batch in iterator.enumerate_epoch():
            logs = step(batch)
        step.sync()
        return self._batch_result(logs, return_dict)

    def predict_on_batch(self, x):
        iterator = epoch_iterator.EpochIterator(x, None, None, batch_size=None, shuffle=False,
                                                single_batch=True)
        self._prepare(iterator, training=False)
        step = self._step_function("predict")
        for _, batch in iterator.enumerate_epoch():
            return optree.tree_map(backend.convert_to_numpy, step(batch), none_is_leaf=True)

    def _batch_result(self, logs, return_dict):
        logs = _to_python_logs(self._epoch_logs(logs or {}))
        if return_dict:
            return logs
        values = list(logs.values())
        return values[0] if len(values) == 1 else values

    # ------------------------------------------------------------ preparation
    def _assert_compiled(self, method):
        if not self.compiled:
            raise RuntimeError(
                f"You must call compile() on model {self.name!r} before calling {method}().")

    def _prepare(self, iterator, training):
        """Build the model, compiled metrics and optimizer from the first batch's shapes."""
        needs_model = not self.built
        needs_metrics = self.compiled and self._compile_metrics is not None and \
            not self._compile_metrics.built
        needs_optimizer = training and self.optimizer is not None and \
            not getattr(self.optimizer, "built", False)
        needs_loss = self.compiled and self._compile_loss is not None and \
            not self._compile_loss.built
        needs_metrics = needs_metrics or needs_loss
        if not (needs_model or needs_metrics or needs_optimizer):
            if training and self._variables_cache.get("trainable") is not None and \
                    len(self._variables_cache["trainable"]) != len(self.trainable_variables):
                self._variables_cache = {}
                self._step_functions = {}
            return
        from cornu.trainers.data_adapters import unpack_x_y_sample_weight

        first = iterator.peek()
        x, y, _ = unpack_x_y_sample_weight(first)
        if needs_model or needs_metrics:
            x = optree.tree_map(_as_array_or_tensor, x, none_is_leaf=True)
            y_pred = self(x, training=False)
            if needs_loss:
                self._build_compiled_loss(y_pred)
            if needs_metrics and self._compile_metrics is not None:
                y = optree.tree_map(_as_array_or_tensor, y, none_is_leaf=True) \
                    if y is not None else None
                self._compile_metrics.build(y, y_pred)
                if y is not None:
                    # Some metrics create their variables on the first update; a jitted JAX
                    # step needs them all up front.
                    self._compile_metrics.update_state(y, y_pred)
                    self._compile_metrics.reset_state()
        if needs_optimizer:
            self.optimizer.build(self.trainable_variables)
        self._step_functions = {}
        self._variables_cache = {}


def _as_array_or_tensor(value):
    if value is None or backend.is_tensor(value):
        return value
    array = np.asarray(value)
    if array.dtype == np.float64:
        array = array.astype(backend.floatx())
    return array


def _is_single_batch(x, batch_size):
    """A NumPy array / tensor (or a flat list, tuple or dict of them) of at most one batch."""
    leaves = list(x.values()) if isinstance(x, dict) else \
        list(x) if isinstance(x, (list, tuple)) else [x]
    sizes = set()
    for leaf in leaves:
        if not (isinstance(leaf, np.ndarray) or backend.is_tensor(leaf)) or not leaf.shape:
            return False
        sizes.add(int(leaf.shape[0]))
    return len(sizes) == 1 and 0 < sizes.pop() <= batch_size


def _resolve_verbose(verbose):
    if verbose == "auto":
        return 1
    return int(verbose)


def _should_validate(epoch, validation_freq):
    if isinstance(validation_freq, int):
        return (epoch + 1) % validation_freq == 0
    return (epoch + 1) in validation_freq


def _flatten_logs(logs):
    flat = {}
    for key, value in logs.items():
        if isinstance(value, dict):
            flat.update(value)
        else:
            flat[key] = value
    return flat


def _to_python_logs(logs):
    result = {}
    for key, value in logs.items():
        try:
            result[key] = float(backend.convert_to_numpy(value))
        except (TypeError, ValueError):
            result[key] = value
    return result
