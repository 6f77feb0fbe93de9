import numpy as np, cornu
from cornu import layers, ops
rng = np.random.default_rng(0)
q = rng.normal(size=(2,5,4)).astype("float32"); v = rng.normal(size=(2,3,4)).astype("float32")
m = layers.MultiHeadAttention(2, 2)
o, s = m(q, v, return_attention_scores=True)
print(o.shape, s.shape, [(w.path, tuple(w.shape)) for w in m.weights])
qi = cornu.Input((5,4)); vi = cornu.Input((3,4))
print(layers.MultiHeadAttention(2,2)(qi, vi, return_attention_scores=True))
print(layers.MultiHeadAttention(2,3, output_shape=(7,))(qi, vi, use_causal_mask=True))
x4 = rng.normal(size=(2,3,4,5)).astype("float32")
m2 = layers.MultiHeadAttention(2, 3, attention_axes=(1,2))
o, s = m2(x4, x4, return_attention_scores=True); print(o.shape, s.shape)
print(m.get_config())
