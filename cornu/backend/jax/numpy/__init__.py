"""NumPy-style ops of the JAX engine (same names and signatures as the torch engine)."""
from cornu.backend.jax.numpy.creation import *  # noqa: F401,F403
from cornu.backend.jax.numpy.elementwise import *  # noqa: F401,F403
from cornu.backend.jax.numpy.elementwise import abs, round  # noqa: F401,A004
from cornu.backend.jax.numpy.indexing import *  # noqa: F401,F403
from cornu.backend.jax.numpy.indexing import slice  # noqa: F401,A004
from cornu.backend.jax.numpy.products import *  # noqa: F401,F403
from cornu.backend.jax.numpy.reductions import *  # noqa: F401,F403
from cornu.backend.jax.numpy.reductions import all, any, max, min, sum  # noqa: F401,A004
from cornu.backend.jax.numpy.shaping import *  # noqa: F401,F403
