"""Global seeding: `set_random_seed` makes Python, NumPy, the engine and cornu reproducible."""
import random as python_random

import numpy as np

from cornu.backend import engine
from cornu.random import seed_generator


def set_random_seed(seed):
    """Seed Python's `random`, NumPy, the engine and cornu's global seed generator.

    Args:
        seed: int.

    Example:
        >>> cornu.utils.set_random_seed(1337)
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(
            f"set_random_seed: `seed` must be an int, received {seed!r} "
            f"of type {type(seed).__name__}.")
    seed = int(seed)
    python_random.seed(seed)
    np.random.seed(seed % (2 ** 32))
    engine.random.seed_engine(seed)
    seed_generator.reset_global_seed_generator()
