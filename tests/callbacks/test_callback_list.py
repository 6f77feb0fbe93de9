import numpy as np
import pytest

from cornu import backend, ops
from cornu.callbacks import Callback, CallbackList, History, LambdaCallback, ProgbarLogger


class Recorder(Callback):
    def __init__(self, tag, events):
        super().__init__()
        self.tag, self.events = tag, events

    def on_train_begin(self, logs=None):
        self.events.append((self.tag, "train_begin", None))

    def on_train_end(self, logs=None):
        self.events.append((self.tag, "train_end", None))

    def on_epoch_begin(self, epoch, logs=None):
        self.events.append((self.tag, "epoch_begin", epoch))

    def on_epoch_end(self, epoch, logs=None):
        self.events.append((self.tag, "epoch_end", epoch))

    def on_batch_begin(self, batch, logs=None):
        self.events.append((self.tag, "batch_begin", batch))

    def on_batch_end(self, batch, logs=None):
        self.events.append((self.tag, "batch_end", batch))


def test_hooks_run_in_fit_order_and_list_order(fake_model, drive):
    events = []
    drive([Recorder("a", events), Recorder("b", events)], fake_model,
          [{"loss": 1.0, "val_loss": 2.0}] * 2, steps=3)
    first = [(name, index) for tag, name, index in events if tag == "a"]
    expected = [("train_begin", None)]
    for epoch in range(2):
        expected.append(("epoch_begin", epoch))
        for batch in range(3):
            expected += [("batch_begin", batch), ("batch_end", batch)]
        expected.append(("epoch_end", epoch))
    expected.append(("train_end", None))
    assert first == expected
    assert [tag for tag, _, _ in events] == ["a", "b"] * (len(events) // 2)


def test_test_and_predict_batches_do_not_call_keras2_aliases(fake_model):
    events = []
    callbacks = CallbackList([Recorder("a", events)], model=fake_model)
    callbacks.on_test_batch_begin(0)
    callbacks.on_test_batch_end(0, {"loss": 1.0})
    callbacks.on_predict_batch_end(0, {"outputs": np.zeros(2)})
    assert events == []


def test_defaults_are_appended_after_user_callbacks_and_params_shared(fake_model):
    user = Recorder("a", [])
    callbacks = CallbackList([[user]], add_history=True, add_progbar=True, model=fake_model,
                             verbose=1, epochs=3, steps=7)
    kinds = [type(c) for c in callbacks]
    assert kinds == [Recorder, History, ProgbarLogger]
    assert user.params == {"verbose": 1, "epochs": 3, "steps": 7}
    assert user.model is fake_model
    assert fake_model.history is callbacks.callbacks[1]
    existing = History()
    callbacks = CallbackList([existing], add_history=True, model=fake_model)
    assert callbacks.callbacks == [existing]


def test_values_written_into_epoch_logs_reach_history(fake_model, drive):
    class AddValue(Callback):
        def on_epoch_end(self, epoch, logs=None):
            logs["extra"] = epoch * 10.0

    history = History()
    drive([AddValue(), history], fake_model, [{"loss": 3.0}, {"loss": 2.0}])
    assert history.epoch == [0, 1]
    assert history.history == {"loss": [3.0, 2.0], "extra": [0.0, 10.0]}
    assert fake_model.history is history


def test_scalar_tensors_in_logs_become_python_floats(fake_model):
    seen = []
    callback = LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(logs))
    callbacks = CallbackList([callback], model=fake_model)
    logs = {"loss": ops.convert_to_tensor(np.float32(0.25)),
            "count": backend.convert_to_tensor(np.array([3], "int32"))}
    callbacks.on_epoch_end(0, logs)
    assert type(seen[0]["loss"]) is float and seen[0]["loss"] == 0.25
    assert seen[0]["count"] == 3 and isinstance(seen[0]["count"], int)
    assert logs is seen[0]


def test_logs_are_not_converted_when_no_callback_listens(fake_model):
    marker = object()
    logs = {"loss": marker}
    CallbackList([Callback()], model=fake_model).on_train_batch_end(0, logs)
    assert logs["loss"] is marker


def test_hooks_receive_a_dict_even_without_logs(fake_model):
    received = []

    class NoDefault(Callback):
        def on_train_begin(self, logs):
            received.append(logs)

        def on_batch_end(self, batch, logs):
            received.append(logs)

    callbacks = CallbackList([NoDefault()], model=fake_model)
    callbacks.on_train_begin()
    callbacks.on_train_batch_end(0)
    assert received == [{}, {}]


def test_lambda_callback_and_append(fake_model, drive):
    calls = []
    lam = LambdaCallback(on_train_begin=lambda logs: calls.append("begin"),
                         on_epoch_end=lambda epoch, logs: calls.append(("epoch", epoch)),
                         on_batch_end=lambda batch, logs: calls.append(("batch", batch)))
    drive([lam], fake_model, [{"loss": 1.0}], steps=2)
    assert calls == ["begin", ("batch", 0), ("batch", 1), ("epoch", 0)]
    callbacks = CallbackList([], model=fake_model, epochs=1)
    callbacks.append(lam)
    assert lam.params == {"epochs": 1} and lam.model is fake_model


def test_bad_arguments_have_clear_errors():
    with pytest.raises(TypeError, match="CallbackList expects .* received 3"):
        CallbackList([3])
    with pytest.raises(TypeError, match="unknown hook names"):
        LambdaCallback(on_epoch_finish=print)
    with pytest.raises(TypeError, match="on_epoch_end must be callable"):
        LambdaCallback(on_epoch_end=5)


def test_nested_prediction_outputs_are_converted_to_numpy(fake_model):
    import collections

    Pair = collections.namedtuple("Pair", ["a", "b"])
    seen = []

    class Collect(Callback):
        def on_predict_batch_end(self, batch, logs=None):
            seen.append(logs["outputs"])

    tensor = ops.convert_to_tensor(np.ones((2, 3), "float32"))
    CallbackList([Collect()], model=fake_model).on_predict_batch_end(
        0, {"outputs": Pair(a=tensor, b={"c": [tensor]})})
    (outputs,) = seen
    assert isinstance(outputs, Pair)
    np.testing.assert_array_equal(outputs.a, np.ones((2, 3)))
    assert isinstance(outputs.b["c"][0], np.ndarray)
