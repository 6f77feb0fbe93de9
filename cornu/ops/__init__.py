"""`cornu.ops`: the public, backend-agnostic operations (Keras 3 `keras.ops` names).

Each family module (`core`, `numpy`, `nn`, `math`, `linalg`, `image`) defines its ops
with `cornu.ops.dispatch.op`; this namespace re-exports them.
"""
from cornu.ops.operation import Operation  # noqa: F401
from cornu.ops.core import *  # noqa: F401,F403
