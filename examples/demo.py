"""cornu demo: train, evaluate, save and reload a classifier on scikit-learn's digits.

Run with `bash scripts/run_demo.sh` (torch) or `CORNU_BACKEND=jax bash scripts/run_demo.sh`.
"""
import os
import sys
import tempfile

import numpy as np

import cornu as keras
from cornu import layers


def load_digits(seed=0):
    from sklearn.datasets import load_digits as sklearn_digits

    digits = sklearn_digits()
    order = np.random.default_rng(seed).permutation(len(digits.target))
    x = (digits.data[order] / 16.0).astype("float32")
    y = digits.target[order].astype("int32")
    return (x[:1400], y[:1400]), (x[1400:], y[1400:])


def main():
    keras.utils.set_random_seed(0)
    (x_train, y_train), (x_test, y_test) = load_digits()
    model = keras.Sequential([
        keras.Input(shape=(64,)),
        layers.Dense(128, activation="relu"),
        layers.Dropout(0.2),
        layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ], name="digits_mlp")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.summary()
    model.fit(x_train, y_train, epochs=20, batch_size=32, validation_split=0.1, verbose=2)
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"backend={keras.backend.backend()} test loss={loss:.4f} accuracy={accuracy:.4f}")

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "digits.keras")
        model.save(path)
        restored = keras.saving.load_model(path)
        same = np.allclose(model.predict(x_test, verbose=0),
                           restored.predict(x_test, verbose=0), atol=1e-6)
    print(f"saved and reloaded {path!r}: identical predictions = {same}")
    if accuracy < 0.95 or not same:
        print("demo FAILED: accuracy below 0.95 or reload mismatch", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
