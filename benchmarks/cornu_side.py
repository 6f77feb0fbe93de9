"""The benchmark models and timings on the cornu side (engine-neutral: cornu API only)."""
import time

import numpy as np

import cornu
from cornu import layers


def mlp():
    return cornu.Sequential([cornu.Input((784,)), layers.Dense(512, activation="relu"),
                             layers.Dense(512, activation="relu"), layers.Dense(10)])


def cnn():
    return cornu.Sequential([
        cornu.Input((28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Flatten(), layers.Dense(10)])


def compiled(builder):
    model = builder()
    model.compile(optimizer=cornu.optimizers.Adam(learning_rate=1e-3),
                  loss=cornu.losses.SparseCategoricalCrossentropy(from_logits=True))
    return model


def time_fit(model, x, y, batch_size, epochs=1):
    """Samples per second of `model.fit` over `epochs` (after a warm-up fit on a few batches)."""
    # Three full batches plus one of the final partial size: every batch shape is then
    # compiled (JAX) or warmed (torch) before timing.
    warm = batch_size * 3 + len(x) % batch_size
    model.fit(x[:warm], y[:warm], batch_size=batch_size, epochs=1, verbose=0)
    start = time.perf_counter()
    model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0, shuffle=True)
    elapsed = time.perf_counter() - start
    return epochs * len(x) / elapsed


def time_predict_one(model, x_one, calls):
    """Seconds per call of `model.predict` and of a direct `model(x)` on one sample."""
    model.predict(x_one, verbose=0)
    model(x_one)
    start = time.perf_counter()
    for _ in range(calls):
        model.predict(x_one, verbose=0)
    predict_seconds = (time.perf_counter() - start) / calls
    start = time.perf_counter()
    for _ in range(calls):
        cornu.ops.convert_to_numpy(model(x_one))
    direct_seconds = (time.perf_counter() - start) / calls
    return predict_seconds, direct_seconds


def random_data(shape, count, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.random((count,) + shape, dtype=np.float32)
    y = rng.integers(0, 10, size=(count,)).astype("int32")
    return x, y
