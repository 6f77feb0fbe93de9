import numpy as np
from cornu import backend, random, ops
g = random.SeedGenerator(21)
init = g.state.value
print(init)
with backend.StatelessScope([(g.state, init)]) as scope:
    print(g.state.value)
    s = random.normal((3,), seed=g)
    print(scope.get_current_value(g.state))
print(s, random.normal((3,), seed=random.SeedGenerator(21)))
