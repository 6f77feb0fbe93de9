"""NumPy-style ops of the torch engine (same names and signatures as the JAX engine)."""
from cornu.backend.torch.numpy.creation import *  # noqa: F401,F403
from cornu.backend.torch.numpy.elementwise import *  # noqa: F401,F403
from cornu.backend.torch.numpy.elementwise import abs, round  # noqa: F401,A004
from cornu.backend.torch.numpy.indexing import *  # noqa: F401,F403
from cornu.backend.torch.numpy.indexing import slice  # noqa: F401,A004
from cornu.backend.torch.numpy.products import *  # noqa: F401,F403
from cornu.backend.torch.numpy.reductions import *  # noqa: F401,F403
from cornu.backend.torch.numpy.reductions import all, any, max, min, sum  # noqa: F401,A004
from cornu.backend.torch.numpy.shaping import *  # noqa: F401,F403
