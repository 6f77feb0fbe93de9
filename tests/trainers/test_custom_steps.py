"""A custom train_step in the engine's own idiom: eager + backward on torch, stateless on JAX."""
import numpy as np

import cornu as keras
from cornu import layers, ops


def _data():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(128, 6)).astype("float32")
    y = (x[:, :1] > 0).astype("float32")
    return x, y


def _torch_model():
    import torch

    class Custom(keras.Model):
        def train_step(self, data):
            x, y = data
            self.zero_grad()
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
            loss.backward()
            variables = list(self.trainable_weights)
            with torch.no_grad():
                self.optimizer.apply([v.value.grad for v in variables], variables)
            for metric in self.metrics:
                if metric.name == "loss":
                    metric.update_state(loss)
                else:
                    metric.update_state(y, y_pred)
            return {m.name: m.result() for m in self.metrics}

    return Custom


def _jax_model():
    import jax

    class Custom(keras.Model):
        def train_step(self, state, data):
            trainable, non_trainable, optimizer_vars, metric_vars = state
            x, y = data

            def loss_fn(trainable_values):
                y_pred, new_non_trainable = self.stateless_call(
                    trainable_values, non_trainable, x, training=True)
                return self.compute_loss(y=y, y_pred=y_pred), (y_pred, new_non_trainable)

            (loss, (y_pred, non_trainable)), grads = jax.value_and_grad(
                loss_fn, has_aux=True)(trainable)
            trainable, optimizer_vars = self.optimizer.stateless_apply(
                optimizer_vars, grads, trainable)
            logs, new_metric_vars, offset = {}, [], 0
            for metric in self.metrics:
                own = metric_vars[offset:offset + len(metric.variables)]
                offset += len(own)
                if metric.name == "loss":
                    own = metric.stateless_update_state(own, loss)
                else:
                    own = metric.stateless_update_state(own, y, y_pred)
                logs[metric.name] = metric.stateless_result(own)
                new_metric_vars += own
            return logs, (trainable, non_trainable, optimizer_vars, new_metric_vars)

    return Custom


def test_custom_train_step_in_the_engine_idiom(backend_name):
    cls = _torch_model() if backend_name == "torch" else _jax_model()
    inputs = keras.Input(shape=(6,))
    hidden = layers.Dense(8, activation="relu")(inputs)
    model = cls(inputs, layers.Dense(1, activation="sigmoid")(hidden))
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy",
                  metrics=["accuracy"])
    assert model.metrics[0].name == "loss"
    x, y = _data()
    before = model.get_weights()[0].copy()
    history = model.fit(x, y, epochs=8, batch_size=32, verbose=0)
    assert set(history.history) == {"loss", "accuracy"}
    assert history.history["loss"][-1] < 0.7 * history.history["loss"][0]
    assert history.history["accuracy"][-1] > 0.85
    assert not np.allclose(model.get_weights()[0], before)
    probs = model.predict(x, verbose=0)
    loss, accuracy = model.evaluate(x, y, verbose=0)
    assert abs(accuracy - np.mean((probs > 0.5) == y)) < 1e-6
    expected = -np.mean(y * np.log(np.clip(probs, 1e-7, 1)) +
                        (1 - y) * np.log(np.clip(1 - probs, 1e-7, 1)))
    assert abs(loss - expected) < 1e-4
    assert ops.convert_to_numpy(model.optimizer.iterations) == 8 * 4
