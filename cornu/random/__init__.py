"""`cornu.random`: seeded random draws and `SeedGenerator` (Keras `keras.random`)."""
from cornu.random.draws import (  # noqa: F401
    beta, binomial, categorical, dropout, gamma, normal, randint, shuffle, truncated_normal,
    uniform)
from cornu.random.seed_generator import (  # noqa: F401
    SeedGenerator, draw_seed, global_seed_generator, make_default_seed)
from cornu.random.seeding import set_random_seed  # noqa: F401
