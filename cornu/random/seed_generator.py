"""`SeedGenerator`: a stateful source of seeds for random ops, stored in a Variable."""
import random as python_random

import numpy as np

from cornu import backend
from cornu.backend import engine
from cornu.backend.common import naming

_SEED_DTYPE = "int32"
_MAX_SEED = 2 ** 31 - 1


def make_default_seed():
    """A fresh seed drawn from Python's `random` (reproducible after `set_random_seed`)."""
    return python_random.randint(1, int(1e9))


class SeedGenerator:
    """Generates a new seed on each draw; its state lives in a non-trainable Variable.

    The state starts as `[seed, 0]` and its second element counts draws. That is
    Keras's layout: on JAX an int seed `s` is the threefry key `[s, 0]`, so seeded draws
    reproduce Keras's (checked against a Keras 3.15.1 file in `tests/random/`).

    The state advances through `Variable.assign`, so inside a jitted JAX step (where
    variables are swapped by a `StatelessScope`) the update is returned as new state.

    Args:
        seed: initial int seed; `None` draws one from Python's `random`.
        name: optional name (the state variable lives under this name scope).

    Example:
        >>> generator = cornu.random.SeedGenerator(42)
        >>> cornu.random.normal((2,), seed=generator)   # differs on each call
    """

    def __init__(self, seed=None, name=None, **kwargs):
        unknown = set(kwargs) - {"backend"}
        if unknown:
            raise ValueError(f"SeedGenerator: unrecognized arguments {sorted(unknown)}.")
        if seed is None:
            seed = make_default_seed()
        elif isinstance(seed, (bool, float)) or not isinstance(seed, (int, np.integer)):
            raise ValueError(
                f"SeedGenerator: `seed` must be an int or None, received {seed!r} "
                f"of type {type(seed).__name__}.")
        self._initial_seed = int(seed)
        self.name = name or naming.uniquify("seed_generator")
        with naming.name_scope(self.name):
            self.state = backend.Variable(
                np.array([self._initial_seed % _MAX_SEED, 0], dtype=_SEED_DTYPE),
                dtype=_SEED_DTYPE, trainable=False, name="seed_generator_state")

    def next(self, ordered=True):
        """Return the current seed (a 2-element int tensor) and advance the state."""
        # Copy first: some engines assign in place, which would change the returned seed.
        current = engine.numpy.copy(self.state.value)
        self.state.assign(engine.numpy.add(current, np.array([0, 1], dtype=_SEED_DTYPE)))
        return current

    def get_config(self):
        return {"seed": self._initial_seed}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<SeedGenerator name={self.name}, seed={self._initial_seed}>"


_global_generator = [None]


def global_seed_generator():
    """The generator used when a random op gets `seed=None`."""
    if _global_generator[0] is None:
        _global_generator[0] = SeedGenerator(name="global_seed_generator")
    return _global_generator[0]


def reset_global_seed_generator():
    _global_generator[0] = None


def draw_seed(seed):
    """Turn a `seed` argument (int, None or SeedGenerator) into a 2-element seed tensor."""
    if isinstance(seed, SeedGenerator):
        return seed.next()
    if seed is None:
        return global_seed_generator().next()
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
        return backend.convert_to_tensor(np.array([int(seed) % _MAX_SEED, 0], dtype=_SEED_DTYPE))
    if backend.is_tensor(seed) or isinstance(seed, backend.Variable):
        return backend.convert_to_tensor(seed, dtype=_SEED_DTYPE)
    raise ValueError(
        "`seed` must be an int, None, a SeedGenerator or a 2-element seed tensor, "
        f"received {seed!r} of type {type(seed).__name__}.")
