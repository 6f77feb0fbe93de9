import numpy as np
import pytest

import cornu as keras
from cornu import layers, ops


def _data(n=256, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    w = rng.normal(size=(8,))
    y = (x @ w > 0).astype("int32")
    return x, y


def _classifier():
    keras.utils.set_random_seed(1)
    inputs = keras.Input(shape=(8,))
    hidden = layers.Dense(16, activation="relu")(inputs)
    return keras.Model(inputs, layers.Dense(2, activation="softmax")(hidden))


def test_fit_history_and_learning():
    x, y = _data()
    model = _classifier()
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x, y, epochs=5, batch_size=32, validation_split=0.25, verbose=0)
    assert set(history.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert history.epoch == [0, 1, 2, 3, 4]
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert history.history["accuracy"][-1] > 0.8


def test_evaluate_matches_numpy_on_predictions():
    x, y = _data(100)
    model = _classifier()
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    loss, accuracy = model.evaluate(x, y, batch_size=32, verbose=0)
    probs = model.predict(x, batch_size=7, verbose=0)
    assert probs.shape == (100, 2)
    expected_loss = -np.mean(np.log(np.clip(probs[np.arange(100), y], 1e-7, 1)))
    assert abs(loss - expected_loss) < 1e-5
    assert abs(accuracy - np.mean(probs.argmax(1) == y)) < 1e-6
    as_dict = model.evaluate(x, y, verbose=0, return_dict=True)
    assert set(as_dict) == {"loss", "accuracy"}


def test_multi_output_log_names_and_loss_weights():
    inputs = keras.Input(shape=(8,))
    hidden = layers.Dense(8, activation="relu")(inputs)
    a = layers.Dense(1, name="reg")(hidden)
    b = layers.Dense(3, activation="softmax", name="cls")(hidden)
    model = keras.Model(inputs, [a, b])
    model.compile(optimizer="adam", loss={"reg": "mse", "cls": "sparse_categorical_crossentropy"},
                  loss_weights={"reg": 0.5, "cls": 1.0}, metrics={"cls": ["accuracy"]})
    x = np.random.rand(64, 8).astype("float32")
    targets = {"reg": np.random.rand(64, 1).astype("float32"),
               "cls": np.random.randint(0, 3, 64)}
    history = model.fit(x, targets, epochs=1, verbose=0)
    assert set(history.history) == {"loss", "reg_loss", "cls_loss", "cls_accuracy"}
    logs = model.evaluate(x, targets, verbose=0, return_dict=True)
    assert abs(logs["loss"] - (0.5 * logs["reg_loss"] + logs["cls_loss"])) < 1e-4


def test_sample_weight_zero_ignores_samples():
    x, y = _data(64)
    model = _classifier()
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    weights = np.zeros(64, "float32")
    weights[:32] = 1.0
    weighted = model.evaluate(x, y, sample_weight=weights, batch_size=64, verbose=0)
    probs = model.predict(x[:32], verbose=0)
    expected = -np.sum(np.log(probs[np.arange(32), y[:32]])) / 64
    assert abs(weighted - expected) < 1e-5


def test_add_loss_fit_without_targets():
    class Penalty(layers.Layer):
        def call(self, x):
            self.add_loss(ops.mean(ops.square(x)))
            return x

    inputs = keras.Input(shape=(4,))
    model = keras.Model(inputs, Penalty()(layers.Dense(4)(inputs)))
    model.compile(optimizer=keras.optimizers.SGD(0.1))
    history = model.fit(np.random.rand(64, 4).astype("float32"), None, epochs=3, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    model(np.ones((2, 4), "float32"))
    assert len(model.losses) == 1


def test_add_metric_on_functional_tensor():
    inputs = keras.Input(shape=(8,))
    hidden = layers.Dense(4, activation="relu")(inputs)
    model = keras.Model(inputs, layers.Dense(2, activation="softmax")(hidden))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.add_metric(ops.mean(ops.sum(ops.square(hidden), axis=1)), name="hidden_norm")
    x, y = _data(64)
    history = model.fit(x, y, epochs=1, verbose=0, validation_data=(x, y))
    assert set(history.history) == {"loss", "hidden_norm", "val_loss", "val_hidden_norm"}
    features = keras.Model(inputs, hidden).predict(x, verbose=0)
    result = model.evaluate(x, y, batch_size=64, verbose=0, return_dict=True)
    assert abs(result["hidden_norm"] - np.mean(np.sum(features ** 2, axis=1))) < 1e-4


def test_batch_methods():
    x, y = _data(32)
    model = _classifier()
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    loss, accuracy = model.train_on_batch(x, y)
    assert np.isfinite(loss) and 0 <= accuracy <= 1
    logs = model.test_on_batch(x, y, return_dict=True)
    assert set(logs) == {"loss", "accuracy"}
    assert model.predict_on_batch(x).shape == (32, 2)


def test_errors_before_training():
    x, y = _data(32)
    model = _classifier()
    with pytest.raises(RuntimeError, match="compile"):
        model.fit(x, y, verbose=0)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match="32|31"):
        model.fit(x, y[:31], verbose=0)


def test_fit_continues_from_current_state():
    x, y = _data()
    model = _classifier()
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
    first = model.fit(x, y, epochs=2, verbose=0).history["loss"]
    second = model.fit(x, y, epochs=1, verbose=0).history["loss"]
    assert second[0] < first[0]


def test_jit_compile_false_runs_jax_steps_without_jit(backend_name):
    model = _classifier()
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", jit_compile=False)
    x, y = _data(32)
    assert np.isfinite(model.fit(x, y, verbose=0).history["loss"][0])
    step = model._step_function("train")
    if backend_name == "jax":
        assert step.jit is False and step.compiled is step.function
    else:
        assert step.compiled is False  # torch: eager unless jit_compile=True


def test_torch_compile_failure_is_reported_not_hidden(backend_name, monkeypatch):
    if backend_name != "torch":
        pytest.skip("torch.compile exists only on the torch backend")
    import torch

    def broken_compile(function, *args, **kwargs):
        def run(*a, **k):
            raise torch._dynamo.exc.Unsupported("graph break on purpose")
        return run

    monkeypatch.setattr(torch, "compile", broken_compile)
    model = _classifier()
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", jit_compile=True)
    x, y = _data(32)
    with pytest.raises(RuntimeError, match="jit_compile=True.*graph break on purpose"):
        model.fit(x, y, verbose=0)


def test_metrics_with_lazy_variables_train_on_both_engines():
    x, y = _data(64)
    model = _classifier()
    model.compile(optimizer="adam", loss="categorical_crossentropy",
                  metrics=[keras.metrics.F1Score(average="macro"), "accuracy"])
    one_hot = np.eye(2, dtype="float32")[y]
    history = model.fit(x, one_hot, epochs=2, batch_size=16, verbose=0)
    assert set(history.history) == {"loss", "f1_score", "accuracy"}
    probs = model.predict(x, verbose=0)
    from sklearn.metrics import f1_score

    expected = f1_score(y, probs.argmax(1), average="macro")
    result = model.evaluate(x, one_hot, verbose=0, return_dict=True)
    assert abs(result["f1_score"] - expected) < 1e-4


def test_from_logits_mismatch_warns():
    x, y = _data(32)
    inputs = keras.Input(shape=(8,))
    logits_model = keras.Model(inputs, layers.Dense(2)(inputs))
    logits_model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    with pytest.warns(UserWarning, match="from_logits=True"):
        logits_model.fit(x * 100, y, epochs=1, verbose=0)
    probs_model = _classifier()
    probs_model.compile(optimizer="sgd",
                        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    with pytest.warns(UserWarning, match="probabilities"):
        probs_model.fit(x, y, epochs=1, verbose=0)


def test_free_variable_in_loss_is_read_after_reassignment():
    weight = keras.Variable(1.0, trainable=False, name="loss_weight")

    def weighted_mse(y_true, y_pred):
        return weight * ops.mean(ops.square(y_true - y_pred), axis=-1)

    inputs = keras.Input(shape=(4,))
    model = keras.Model(inputs, layers.Dense(1)(inputs))
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss=weighted_mse)
    x = np.random.rand(32, 4).astype("float32")
    y = np.random.rand(32, 1).astype("float32")
    first = model.fit(x, y, epochs=1, batch_size=32, verbose=0).history["loss"][0]
    weight.assign(3.0)
    second = model.fit(x, y, epochs=1, batch_size=32, verbose=0).history["loss"][0]
    assert abs(second - 3.0 * first) < 1e-5 * max(1.0, first)


def test_predict_small_batch_fast_path_matches_batched_path():
    x, _ = _data(40)
    model = _classifier()
    small = model.predict(x[:5], verbose=0)
    assert isinstance(small, np.ndarray) and small.shape == (5, 2)
    full = model.predict(x, batch_size=8, verbose=0)
    np.testing.assert_allclose(small, full[:5], rtol=1e-6, atol=1e-7)
    as_list = model.predict([x[:3]], verbose=0)
    np.testing.assert_allclose(as_list, full[:3], rtol=1e-6, atol=1e-7)
