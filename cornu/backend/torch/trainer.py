"""Torch training steps: eager forward, `torch.autograd.grad`, multi-tensor optimizer update."""
import numpy as np
import optree
import torch

from cornu.backend.torch.core import convert_to_tensor
from cornu.backend.common.batches import batch_size, unpack_batch


def train_step(model, data):
    x, y, sample_weight = unpack_batch(data)
    y_pred = model(x, training=True)
    loss = model.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight,
                              training=True)
    variables = model._trainable_variables_for_step()
    parameters = [v.value for v in variables]
    # The optimizer's loss scale enters the gradients only; `apply` divides it out.
    grads = torch.autograd.grad(model.optimizer.scale_loss(loss), parameters,
                                allow_unused=True)
    pairs = [(g, v) for g, v in zip(grads, variables) if g is not None]
    with torch.no_grad():
        if pairs:
            model.optimizer.apply([g for g, _ in pairs], [v for _, v in pairs])
        model._loss_tracker.update_state(loss.detach(), sample_weight=batch_size(x))
        return model.compute_metrics(x, y, optree.tree_map(_detach, y_pred), sample_weight)


def test_step(model, data):
    x, y, sample_weight = unpack_batch(data)
    with torch.no_grad():
        y_pred = model(x, training=False)
        if model._compile_loss is not None or model.losses:
            loss = model.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight,
                                      training=False)
            model._loss_tracker.update_state(loss, sample_weight=batch_size(x))
        return model.compute_metrics(x, y, y_pred, sample_weight)


def predict_step(model, data):
    x, _, _ = unpack_batch(data)
    with torch.no_grad():
        return model(x, training=False)


def _detach(value):
    return value.detach() if torch.is_tensor(value) else value


def _to_tensor(value):
    if value is None or torch.is_tensor(value):
        return value
    if isinstance(value, np.ndarray):
        if value.dtype == np.float64:
            value = value.astype(np.float32)
        return convert_to_tensor(value)
    return value


def zero_grad(variables):
    for variable in variables:
        variable.value.grad = None


class StepFunction:
    """Runs one train/test/predict step on a batch of NumPy arrays or tensors.

    With `jit_compile=True` the step goes through `torch.compile`; a failure to compile is
    raised (naming the cause) on the first call, never replaced by eager execution.
    """

    def __init__(self, model, kind):
        self.kind = kind
        self.model_name = model.name
        self.function = {"train": model.train_step, "test": model.test_step,
                         "predict": model.predict_step}[kind]
        self.compiled = model.jit_compile is True
        if self.compiled:
            self.function = torch.compile(self.function)
        self._checked = not self.compiled

    def __call__(self, batch):
        batch = optree.tree_map(_to_tensor, batch, none_is_leaf=True)
        if self._checked:
            return self.function(batch)
        try:
            outputs = self.function(batch)
        except Exception as error:
            raise RuntimeError(
                f"jit_compile=True: torch.compile could not compile the {self.kind} step of "
                f"model {self.model_name!r} ({type(error).__name__}: {error}). Compile the "
                "model with jit_compile=False to run eagerly.") from error
        self._checked = True
        return outputs

    def sync(self, keep_state=False):
        pass


def make_step_function(model, kind):
    return StepFunction(model, kind)
