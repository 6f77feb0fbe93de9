import numpy as np
import cornu
from cornu import random, ops, tree
g = random.SeedGenerator(42)
a = random.normal((3,), seed=g); b = random.normal((3,), seed=g)
print(ops.convert_to_numpy(a), ops.convert_to_numpy(b), g.state.numpy(), g.state.path)
print(random.uniform((2,), seed=1), random.uniform((2,), seed=1))
random.set_random_seed(3); x1 = ops.convert_to_numpy(random.normal((2,)))
random.set_random_seed(3); x2 = ops.convert_to_numpy(random.normal((2,)))
print(x1, x2)
print(random.dropout(np.ones(8, "float32"), 0.5, seed=2))
for f, args in [(random.gamma, ((2000,), 2.0)), (random.beta, ((2000,), 2.0, 3.0)), (random.binomial, ((2000,), 10, 0.3)), (random.truncated_normal, ((2000,),)), (random.randint, ((5,), 0, 10)), (random.categorical, (np.zeros((2, 4), "float32"), 3)), (random.shuffle, (np.arange(5),))]:
    v = ops.convert_to_numpy(f(*args, seed=5)); print(f.__name__, v.dtype, v.shape, v.mean())
print(tree.flatten({"b": 2, "a": [1, None]}), tree.map_structure(lambda a, b: a + b, [1, (2,)], [10, (20,)]), tree.pack_sequence_as([0, (0, 0)], [1, 2, 3]))
