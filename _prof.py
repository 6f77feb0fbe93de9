import time, numpy as np, cornu
from cornu import layers
X = np.random.default_rng(1).normal(size=(2, 5, 3)).astype("float32")
for kw in [{}, {"use_cudnn": False}]:
    l = layers.LSTM(3, return_state=True, **kw)
    for i in range(3):
        t=time.time(); l(X); print(kw, i, time.time()-t)
import cProfile, pstats
l = layers.LSTM(3, return_state=True, use_cudnn=False); l(X)
cProfile.run("l(X)", "/tmp/prof.out")
pstats.Stats("/tmp/prof.out").sort_stats("cumtime").print_stats(25)
