"""Keras-2 compatibility surfaces (`cornu.backend` as `K`)."""
