"""`loss_scale_factor`: fit scales the loss it differentiates and the optimizer unscales."""
import numpy as np

import cornu
from cornu import layers, ops


def _fit(optimizer):
    cornu.utils.set_random_seed(5)
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(2)])
    model.compile(optimizer=optimizer, loss="mse")
    x = np.random.default_rng(0).normal(size=(16, 3)).astype("float32")
    y = np.random.default_rng(1).normal(size=(16, 2)).astype("float32")
    history = model.fit(x, y, epochs=3, batch_size=8, shuffle=False, verbose=0)
    return [ops.convert_to_numpy(w) for w in model.weights], history.history["loss"]


def test_fit_with_a_loss_scale_factor_takes_the_unscaled_steps():
    plain_weights, plain_losses = _fit(cornu.optimizers.SGD(learning_rate=0.1))
    scaled_weights, scaled_losses = _fit(cornu.optimizers.SGD(learning_rate=0.1,
                                                              loss_scale_factor=128.0))
    for plain, scaled in zip(plain_weights, scaled_weights):
        np.testing.assert_allclose(scaled, plain, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(scaled_losses, plain_losses, rtol=1e-5)  # logged unscaled
