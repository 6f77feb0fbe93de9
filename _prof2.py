import time, numpy as np, cornu, cProfile, pstats
from cornu import layers
from tests.helpers.layer_test import run_layer_test
X = np.random.default_rng(1).normal(size=(2, 5, 3)).astype("float32")
run_layer_test(layers.LSTM, {"units": 4}, input_data=X)
cProfile.run('run_layer_test(layers.LSTM, {"units": 3, "return_state": True, "use_cudnn": False}, input_data=X)', "/tmp/prof.out")
pstats.Stats("/tmp/prof.out").sort_stats("cumtime").print_stats(40)
