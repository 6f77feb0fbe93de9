"""The two custom classes used by the Keras 3.15.1 interop files (package `cornu_test`)."""
import numpy as np

import cornu
from cornu import layers


@cornu.saving.register_keras_serializable(package="cornu_test")
class Scale(layers.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")

    def call(self, x):
        return x * self.w * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


@cornu.saving.register_keras_serializable(package="cornu_test")
class Block(cornu.Model):
    def __init__(self, units=3, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.proj = layers.Dense(units, name="proj")
        self.stack = [layers.Dense(units), layers.Dense(units)]
        self.norm = layers.LayerNormalization()
        self._hidden = layers.Dense(units, name="hidden_private")

    def call(self, x):
        x = self.proj(x)
        for layer in self.stack:
            x = layer(x)
        return self._hidden(self.norm(x))

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def numpy_ones(shape):
    return np.ones(shape, dtype="float32")
