import numpy as np
from cornu import ops
from cornu.backend import KerasTensor
x = np.arange(12, dtype="float32").reshape(3, 4)
print(ops.add(x, 1).dtype, ops.mean(np.arange(4, dtype="int32")).dtype)
print(ops.convert_to_numpy(ops.sum(x, axis=1)))
k = KerasTensor((None, 4))
y = ops.add(k, 1.0)
print(y, ops.sum(k, axis=0), ops.reshape(k, (-1, 2)), k[:, 1:3], k[0], ops.where(k > 0))
print(ops.conv(np.ones((1, 5, 5, 1), "float32"), np.ones((3, 3, 1, 2), "float32"), strides=2, padding="same").shape)
print(ops.conv(KerasTensor((None, 5, 5, 1)), np.ones((3, 3, 1, 2), "float32"), strides=2, padding="same"))
print(ops.split(k, 2, axis=1))
print(ops.nn.softmax(x).shape, ops.numpy.add)
print(ops.segment_sum(KerasTensor((None, 3)), KerasTensor((None,), "int32"), num_segments=4))
print(ops.top_k(k, 2))
print(ops.cast(k, "int32"))
print(len([n for n in dir(ops) if not n.startswith("_")]))
