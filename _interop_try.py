import numpy as np, cornu
m = cornu.saving.load_model("/work/shared/interop/keras-3.15.1/rnn_attention.keras")
d = np.load("/work/shared/interop/keras-3.15.1/rnn_attention_io.npz")
out = m.predict(d["x"], verbose=0)
print(np.abs(out - d["out"]).max())
