import numpy as np, cornu
from cornu import layers, ops
x = np.random.default_rng(0).normal(size=(2,5,3)).astype("float32")
for cls in [layers.SimpleRNN, layers.LSTM, layers.GRU]:
    l = cls(4, return_sequences=True, return_state=True)
    out = l(x)
    print(cls.__name__, [tuple(o.shape) for o in out], [w.path for w in l.weights])
    l2 = cls(4, return_sequences=True, return_state=True, use_cudnn=False) if cls is not layers.SimpleRNN else cls(4, return_sequences=True, return_state=True)
    l2(x); l2.set_weights(l.get_weights())
    out2 = l2(x)
    print(max(np.abs(ops.convert_to_numpy(a)-ops.convert_to_numpy(b)).max() for a,b in zip(out,out2)))
m = np.ones((2,5),bool); m[0,3:]=False
l = layers.LSTM(4)
print(ops.convert_to_numpy(l(x, mask=m)))
inp = cornu.Input((5,3))
o = layers.LSTM(4, return_state=True)(inp)
print(o)
