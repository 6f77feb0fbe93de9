"""What `compile()` turns losses and metrics into: one loss function, one metrics container.

Losses and metrics are matched to the model outputs the Keras way: a single object
applies to every output, a list matches outputs by position, a dict matches
outputs by name.
"""
import optree

from cornu import ops
from cornu.metrics.metric import Metric


def _flat(structure):
    return optree.tree_leaves(structure, none_is_leaf=True)


def _match_to_outputs(spec, output_names, what):
    """One entry per output (None where nothing applies)."""
    count = len(output_names)
    if spec is None:
        return [None] * count
    if isinstance(spec, dict):
        unknown = [key for key in spec if key not in output_names]
        if unknown:
            raise ValueError(
                f"compile(): {what} has keys {unknown} that are not model output names; the "
                f"outputs are {output_names}.")
        return [spec.get(name) for name in output_names]
    if isinstance(spec, (list, tuple)) and count > 1:
        if len(spec) != count:
            raise ValueError(
                f"compile(): {what} is a list of {len(spec)} entries but the model has "
                f"{count} outputs {output_names}.")
        return list(spec)
    return [spec] * count


def _as_loss_object(identifier):
    """A `Loss` with reduction for any loss spec (names and plain functions get wrapped)."""
    from cornu import losses

    if identifier is None:
        return None
    loss = losses.get(identifier)
    if isinstance(loss, losses.Loss):
        return loss
    if not callable(loss):
        raise ValueError(f"compile(): cannot interpret {identifier!r} as a loss.")
    name = identifier if isinstance(identifier, str) else getattr(loss, "__name__", "loss")
    return losses.LossFunctionWrapper(loss, name=name)


def _warn_on_logits_mismatch(output_name, loss, y_pred):
    """Warn when a crossentropy's `from_logits` disagrees with what the model outputs."""
    import warnings

    import numpy as np

    kind = getattr(getattr(loss, "fn", None), "__name__", "") or type(loss).__name__
    if "crossentropy" not in kind.lower():
        return
    from_logits = getattr(loss, "from_logits", None)
    if from_logits is None:
        from_logits = bool(getattr(loss, "_fn_kwargs", {}).get("from_logits", False))
    try:
        values = np.asarray(ops.convert_to_numpy(y_pred), dtype="float64")
    except Exception:  # abstract values (inside a trace): nothing to inspect
        return
    if values.size == 0:
        return
    probabilities = values.min() >= 0.0 and values.max() <= 1.0
    if not from_logits and not probabilities:
        warnings.warn(
            f"Output {output_name!r}: {kind}(from_logits=False) expects "
            f"probabilities, but the model outputs values in [{values.min():.3g}, "
            f"{values.max():.3g}]. Add a softmax/sigmoid activation or pass "
            "from_logits=True.", stacklevel=4)
    elif from_logits and probabilities and values.ndim >= 2 and values.shape[-1] > 1 and \
            np.allclose(values.sum(axis=-1), 1.0, atol=1e-3):
        warnings.warn(
            f"Output {output_name!r}: {kind}(from_logits=True) received what "
            "look like probabilities (rows summing to 1). Did you mean from_logits=False, or "
            "to remove the final softmax?", stacklevel=4)


def output_names_for(y_pred, model_names=None):
    """Names of the outputs: the model's own, else dict keys, else `output_1`, `output_2`..."""
    if isinstance(y_pred, dict):
        return list(y_pred.keys())
    count = len(_flat(y_pred))
    if model_names and len(model_names) == count:
        return list(model_names)
    if count == 1:
        return ["output"]
    return [f"output_{index + 1}" for index in range(count)]


class CompileLoss:
    """The compiled loss: a weighted sum of one loss per output.

    Matching losses to outputs needs the output structure, so it happens on `build`
    (the first prediction), which also works for subclassed models.
    """

    def __init__(self, loss, loss_weights=None, output_names=None):
        self._raw_loss = loss
        self._raw_weights = loss_weights
        self._model_output_names = list(output_names or [])
        self.built = False
        self.output_names = []
        self.losses = []
        self.loss_weights = []
        self.names = []

    def build(self, y_pred):
        self.output_names = output_names_for(y_pred, self._model_output_names)
        multi = len(self.output_names) > 1
        per_output = _match_to_outputs(self._raw_loss, self.output_names, "loss") \
            if multi else [self._raw_loss]
        weights = _match_to_outputs(self._raw_weights, self.output_names, "loss_weights") \
            if multi else [self._raw_weights]
        self.losses = [_as_loss_object(item) for item in per_output]
        self.loss_weights = [1.0 if w is None else float(w) for w in weights]
        self.names = [f"{name}_loss" for name, loss in zip(self.output_names, self.losses)
                      if loss is not None] if multi else []
        self.built = True
        for name, loss, pred in zip(self.output_names, self.losses, _flat(y_pred)):
            _warn_on_logits_mismatch(name, loss, pred)

    def __call__(self, y_true, y_pred, sample_weight=None):
        """Return `(total_loss, per_output_losses)`."""
        if not self.built:
            self.build(y_pred)
        preds = _flat(y_pred)
        trues = self._targets_for(y_true, len(preds))
        weights = self._targets_for(sample_weight, len(preds)) if sample_weight is not None \
            else [None] * len(preds)
        total = None
        per_output = []
        for loss_fn, weight, true, pred, sw in zip(self.losses, self.loss_weights, trues,
                                                   preds, weights):
            if loss_fn is None:
                per_output.append(None)
                continue
            if true is None:
                raise ValueError(
                    "The model was compiled with a loss but fit() received no target (y) for "
                    "it. Pass `y`, or compile without a loss if the model adds its own.")
            value = loss_fn(true, pred, sample_weight=sw) if sw is not None else \
                loss_fn(true, pred)
            per_output.append(value)
            value = value * weight if weight != 1.0 else value
            total = value if total is None else total + value
        return total, per_output

    def _targets_for(self, y, count):
        if y is None:
            return [None] * count
        if isinstance(y, dict):
            missing = [n for n in self.output_names if n not in y]
            if missing:
                raise ValueError(
                    f"Targets are a dict without entries for outputs {missing}; expected keys "
                    f"{self.output_names}.")
            return [y[n] for n in self.output_names]
        if count == 1:
            if isinstance(y, (list, tuple)) and len(y) == 1:
                return [y[0]]
            return [y]
        if not isinstance(y, (list, tuple)) or len(y) != count:
            raise ValueError(
                f"The model has {count} outputs {self.output_names}, so targets must be a "
                f"list or dict of {count} arrays; received {type(y).__name__}.")
        return list(y)


class CompileMetrics(Metric):
    """All compiled metrics as one Metric whose `result()` is a dict (flattened into logs)."""

    def __init__(self, metrics, weighted_metrics, output_names, loss=None, name="compile_metrics"):
        super().__init__(name=name)
        self._metrics_spec = metrics
        self._weighted_spec = weighted_metrics
        self._loss_spec = loss
        self.output_names = list(output_names)
        self.built = False
        self._per_output = []  # list of (output index, metric, weighted)

    def build(self, y_true, y_pred):
        from cornu.metrics.metric_resolution import resolve_metric

        self.output_names = output_names_for(y_pred, self.output_names)
        preds = _flat(y_pred)
        trues = CompileLoss._targets_for(self, y_true, len(preds)) if y_true is not None \
            else [None] * len(preds)
        multi = len(self.output_names) > 1
        losses_per_output = _match_to_outputs(self._loss_spec, self.output_names, "loss") \
            if multi else [self._loss_spec]
        entries = []
        for weighted, spec in ((False, self._metrics_spec), (True, self._weighted_spec)):
            if spec is None:
                continue
            if multi:
                per_output = _match_to_outputs(spec, self.output_names, "metrics")
                if isinstance(spec, (list, tuple)) and not any(
                        isinstance(item, (list, tuple, dict)) for item in spec) and \
                        len(spec) != len(self.output_names):
                    per_output = [spec] * len(self.output_names)
            else:
                per_output = [spec]
            for index, items in enumerate(per_output):
                if items is None:
                    continue
                if not isinstance(items, (list, tuple)):
                    items = [items]
                for item in items:
                    if item is None:
                        continue
                    true_shape = tuple(trues[index].shape) if trues[index] is not None else None
                    metric = resolve_metric(item, true_shape, tuple(preds[index].shape),
                                            losses_per_output[index])
                    if multi:
                        metric.name = f"{self.output_names[index]}_{metric.name}"
                    if weighted:
                        metric.name = f"weighted_{metric.name}" if any(
                            m.name == metric.name for _, m, _ in entries) else metric.name
                    entries.append((index, metric, weighted))
        self._per_output = entries
        self.built = True

    @property
    def metrics(self):
        return [metric for _, metric, _ in self._per_output]

    @property
    def variables(self):
        result = []
        for metric in self.metrics:
            result.extend(metric.variables)
        return result

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self.built:
            self.build(y_true, y_pred)
        preds = _flat(y_pred)
        trues = CompileLoss._targets_for(self, y_true, len(preds))
        weights = CompileLoss._targets_for(self, sample_weight, len(preds)) \
            if sample_weight is not None else [None] * len(preds)
        for index, metric, weighted in self._per_output:
            sw = weights[index] if weighted or sample_weight is not None else None
            metric.update_state(trues[index], preds[index], sample_weight=sw)

    def result(self):
        return {metric.name: metric.result() for metric in self.metrics}

    def reset_state(self):
        for metric in self.metrics:
            metric.reset_state()

    def get_config(self):
        return {"name": self.name}

