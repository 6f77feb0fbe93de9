import time, numpy as np
from cornu import ops
seq = np.array([1.0, 2.0, 4.0, 8.0], "float32"); vals = np.array([0.5, 2.0, 5.0, 9.0], "float32")
data = np.array([0, 1, 1, 3], "int32")
M = np.random.rand(3,4,5).astype("float32")
for name, f in [("sort", lambda: ops.sort(M, axis=1)), ("argsort", lambda: ops.argsort(M)), ("searchsorted", lambda: ops.searchsorted(seq, vals)),
  ("digitize", lambda: ops.digitize(vals, seq)), ("bincount", lambda: ops.bincount(data)), ("nonzero", lambda: ops.nonzero(data)),
  ("unique", lambda: ops.unique_values(data)), ("unravel", lambda: ops.unravel_index(data, (2, 4))), ("hist", lambda: ops.histogram(seq, bins=4)),
  ("tril", lambda: ops.tril_indices(3)), ("add", lambda: ops.add(M, 1.0)), ("add2", lambda: ops.add(M, 2.0))]:
    t = time.time(); f(); t1 = time.time() - t; t = time.time(); f(); print(name, round(t1, 3), round(time.time() - t, 4))
