"""Layer benchmarks: cornu's `fit` against a hand-written loop of the same engine.

    CORNU_BACKEND=torch python benchmarks/layers_benchmark.py [--quick] [--only a,b] [--threads 1]
    CORNU_BACKEND=jax   python benchmarks/layers_benchmark.py [--quick] [--profile]

Benchmarks (random data, one process, cornu and baseline alternated, best of N):
  a) text classifier Embedding(10000, 64) -> LSTM(64) -> Dense(1, sigmoid), length 100,
     batch 32, Adam, binary cross-entropy
  b) transformer encoder block (MultiHeadAttention 4 heads x key_dim 16, residual +
     LayerNormalization, Dense 128/64 feed-forward, residual + LayerNormalization),
     mean-pooled to Dense(1), sequence 64, d_model 64, batch 32, Adam, mean squared error

Baselines: torch uses nn modules (nn.LSTM; attention written with nn.Linear and matmul, as
cornu computes it) and torch.optim.Adam(foreach=True); JAX uses one `jax.jit` step with
donated buffers (lax.scan LSTM) and a hand-written Adam. `--profile` prints cornu's hot
spots (cProfile of one timed fit, cornu files only).
"""
import argparse
import cProfile
import io
import math
import os
import pstats
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402

import cornu  # noqa: E402
from cornu import layers  # noqa: E402

VOCAB, SEQ_LEN, UNITS = 10000, 100, 64
TOKENS, D_MODEL, HEADS, KEY_DIM, FF_DIM = 64, 64, 4, 16, 128
BATCH = 32
# Samples per timed fit: a few seconds per side on a shared 2-core CPU.
SIZES = {"full": {"a": 32 * 24, "b": 32 * 48}, "quick": {"a": 32 * 4, "b": 32 * 4}}
WARM_BATCHES = 3


def lstm_data(count, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, VOCAB, size=(count, SEQ_LEN)).astype("int32")
    y = rng.integers(0, 2, size=(count, 1)).astype("float32")
    return x, y


def transformer_data(count, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((count, TOKENS, D_MODEL)).astype("float32")
    y = rng.standard_normal((count, 1)).astype("float32")
    return x, y


# --- cornu side ------------------------------------------------------------------------------
def cornu_lstm():
    model = cornu.Sequential([cornu.Input((SEQ_LEN,), dtype="int32"),
                              layers.Embedding(VOCAB, UNITS), layers.LSTM(UNITS),
                              layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=cornu.optimizers.Adam(1e-3), loss="binary_crossentropy")
    return model


def cornu_transformer():
    inputs = cornu.Input((TOKENS, D_MODEL))
    attended = layers.MultiHeadAttention(num_heads=HEADS, key_dim=KEY_DIM)(inputs, inputs)
    x = layers.LayerNormalization()(layers.Add()([inputs, attended]))
    hidden = layers.Dense(FF_DIM, activation="relu")(x)
    x = layers.LayerNormalization()(layers.Add()([x, layers.Dense(D_MODEL)(hidden)]))
    outputs = layers.Dense(1)(layers.GlobalAveragePooling1D()(x))
    model = cornu.Model(inputs, outputs)
    model.compile(optimizer=cornu.optimizers.Adam(1e-3), loss="mse")
    return model


def time_cornu_fit(model, x, y, profile=False):
    """Samples/s of `model.fit` on all of `x`, after a warm-up fit that compiles the step."""
    model.fit(x[:BATCH * WARM_BATCHES], y[:BATCH * WARM_BATCHES], batch_size=BATCH, verbose=0)
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0, shuffle=True)
    if profiler:
        profiler.disable()
    rate = len(x) / (time.perf_counter() - start)
    return rate, profiler


# --- torch baselines -------------------------------------------------------------------------
def torch_lstm():
    import torch

    class TextClassifier(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = torch.nn.Embedding(VOCAB, UNITS)
            self.lstm = torch.nn.LSTM(UNITS, UNITS, batch_first=True)
            self.head = torch.nn.Linear(UNITS, 1)

        def forward(self, tokens):
            _, (last_hidden, _) = self.lstm(self.embedding(tokens))
            return torch.sigmoid(self.head(last_hidden[0]))

    return TextClassifier(), torch.nn.functional.binary_cross_entropy


def torch_transformer():
    import torch

    class EncoderBlock(torch.nn.Module):
        def __init__(self):
            super().__init__()
            width = HEADS * KEY_DIM
            self.query = torch.nn.Linear(D_MODEL, width)
            self.key = torch.nn.Linear(D_MODEL, width)
            self.value = torch.nn.Linear(D_MODEL, width)
            self.attention_output = torch.nn.Linear(width, D_MODEL)
            self.norm1 = torch.nn.LayerNorm(D_MODEL, eps=1e-3)
            self.ff1 = torch.nn.Linear(D_MODEL, FF_DIM)
            self.ff2 = torch.nn.Linear(FF_DIM, D_MODEL)
            self.norm2 = torch.nn.LayerNorm(D_MODEL, eps=1e-3)
            self.head = torch.nn.Linear(D_MODEL, 1)

        def _heads(self, x):
            return x.view(x.shape[0], TOKENS, HEADS, KEY_DIM).transpose(1, 2)

        def forward(self, x):
            q = self._heads(self.query(x))
            k, v = self._heads(self.key(x)), self._heads(self.value(x))
            scores = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(KEY_DIM), dim=-1)
            attended = (scores @ v).transpose(1, 2).reshape(x.shape[0], TOKENS, HEADS * KEY_DIM)
            x = self.norm1(x + self.attention_output(attended))
            x = self.norm2(x + self.ff2(torch.relu(self.ff1(x))))
            return self.head(x.mean(dim=1))

    return EncoderBlock(), torch.nn.functional.mse_loss


def time_torch_fit(builder, x, y):
    """Samples/s of an eager loop with `torch.optim.Adam(foreach=True)`."""
    import torch

    model, loss_fn = builder()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=True)
    x_all = torch.from_numpy(x).long() if x.dtype.kind == "i" else torch.from_numpy(x)
    y_all = torch.from_numpy(y)
    rng = np.random.default_rng(0)

    def epoch(count):
        order = torch.from_numpy(rng.permutation(count))
        for start in range(0, count, BATCH):
            index = order[start:start + BATCH]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x_all[index]), y_all[index])
            loss.backward()
            optimizer.step()
        return float(loss.detach())

    epoch(BATCH * WARM_BATCHES)
    start = time.perf_counter()
    epoch(len(x))
    return len(x) / (time.perf_counter() - start)


# --- JAX baselines ---------------------------------------------------------------------------
def _glorot(key, shape, fan_in, fan_out):
    import jax

    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return jax.random.uniform(key, shape, minval=-limit, maxval=limit)


def jax_lstm():
    import jax
    import jax.numpy as jnp

    keys = jax.random.split(jax.random.PRNGKey(0), 4)
    params = {
        "embedding": 0.05 * jax.random.uniform(keys[0], (VOCAB, UNITS), minval=-1.0),
        "kernel": _glorot(keys[1], (UNITS, 4 * UNITS), UNITS, 4 * UNITS),
        "recurrent": _glorot(keys[2], (UNITS, 4 * UNITS), UNITS, 4 * UNITS),
        "bias": jnp.zeros((4 * UNITS,)),
        "head": _glorot(keys[3], (UNITS, 1), UNITS, 1),
        "head_bias": jnp.zeros((1,)),
    }

    def apply(params, tokens):
        inputs = params["embedding"][tokens] @ params["kernel"] + params["bias"]

        def step(carry, projected):
            hidden, cell = carry
            gates = projected + hidden @ params["recurrent"]
            i, f, c, o = jnp.split(gates, 4, axis=-1)
            cell = jax.nn.sigmoid(f) * cell + jax.nn.sigmoid(i) * jnp.tanh(c)
            hidden = jax.nn.sigmoid(o) * jnp.tanh(cell)
            return (hidden, cell), None

        zeros = jnp.zeros((tokens.shape[0], UNITS))
        (hidden, _), _ = jax.lax.scan(step, (zeros, zeros), jnp.swapaxes(inputs, 0, 1))
        logits = hidden @ params["head"] + params["head_bias"]
        return logits

    def loss_fn(logits, y):  # binary cross-entropy on sigmoid(logits), computed stably
        return jnp.mean(jax.nn.softplus(logits) - y * logits)

    return params, apply, loss_fn


def _layer_norm(x, gamma, beta, epsilon=1e-3):
    import jax.numpy as jnp

    mean = jnp.mean(x, axis=-1, keepdims=True)
    variance = jnp.var(x, axis=-1, keepdims=True)
    return (x - mean) / jnp.sqrt(variance + epsilon) * gamma + beta


def jax_transformer():
    import jax
    import jax.numpy as jnp

    keys = jax.random.split(jax.random.PRNGKey(0), 7)
    head_shape = (D_MODEL, HEADS, KEY_DIM)
    params = {
        "query": _glorot(keys[0], head_shape, D_MODEL, HEADS * KEY_DIM),
        "key": _glorot(keys[1], head_shape, D_MODEL, HEADS * KEY_DIM),
        "value": _glorot(keys[2], head_shape, D_MODEL, HEADS * KEY_DIM),
        "output": _glorot(keys[3], (HEADS, KEY_DIM, D_MODEL), HEADS * KEY_DIM, D_MODEL),
        "biases": [jnp.zeros((HEADS, KEY_DIM)) for _ in range(3)] + [jnp.zeros((D_MODEL,))],
        "norms": [(jnp.ones((D_MODEL,)), jnp.zeros((D_MODEL,))) for _ in range(2)],
        "ff1": _glorot(keys[4], (D_MODEL, FF_DIM), D_MODEL, FF_DIM),
        "ff2": _glorot(keys[5], (FF_DIM, D_MODEL), FF_DIM, D_MODEL),
        "ff_biases": [jnp.zeros((FF_DIM,)), jnp.zeros((D_MODEL,))],
        "head": _glorot(keys[6], (D_MODEL, 1), D_MODEL, 1),
        "head_bias": jnp.zeros((1,)),
    }

    def apply(params, x):
        bq, bk, bv, bo = params["biases"]
        q = jnp.einsum("btd,dhk->bthk", x, params["query"]) + bq
        k = jnp.einsum("btd,dhk->bthk", x, params["key"]) + bk
        v = jnp.einsum("btd,dhk->bthk", x, params["value"]) + bv
        scores = jax.nn.softmax(jnp.einsum("bqhk,bshk->bhqs", q, k) / math.sqrt(KEY_DIM))
        attended = jnp.einsum("bhqs,bshk->bqhk", scores, v)
        attended = jnp.einsum("bqhk,hkd->bqd", attended, params["output"]) + bo
        (g1, b1), (g2, b2) = params["norms"]
        x = _layer_norm(x + attended, g1, b1)
        f1, f2 = params["ff_biases"]
        x = _layer_norm(x + jax.nn.relu(x @ params["ff1"] + f1) @ params["ff2"] + f2, g2, b2)
        return jnp.mean(x, axis=1) @ params["head"] + params["head_bias"]

    def loss_fn(prediction, y):
        return jnp.mean((prediction - y) ** 2)

    return params, apply, loss_fn


def time_jax_fit(builder, x, y):
    """Samples/s of a donated `jax.jit` step with a hand-written Adam, fed NumPy batches."""
    import jax
    import jax.numpy as jnp

    params, apply, loss_fn = builder()
    tree_map = jax.tree_util.tree_map
    opt_state = {"m": tree_map(jnp.zeros_like, params), "v": tree_map(jnp.zeros_like, params),
                 "t": jnp.zeros((), jnp.int32)}

    def adam(grads, state, params, lr=1e-3, b1=0.9, b2=0.999, eps=1e-7):
        t = state["t"] + 1
        m = tree_map(lambda m, g: b1 * m + (1 - b1) * g, state["m"], grads)
        v = tree_map(lambda v, g: b2 * v + (1 - b2) * g * g, state["v"], grads)
        scale = lr * jnp.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        params = tree_map(lambda p, m, v: p - scale * m / (jnp.sqrt(v) + eps), params, m, v)
        return params, {"m": m, "v": v, "t": t}

    def step(params, opt_state, x, y):
        loss, grads = jax.value_and_grad(lambda p: loss_fn(apply(p, x), y))(params)
        params, opt_state = adam(grads, opt_state, params)
        return params, opt_state, loss

    step = jax.jit(step, donate_argnums=(0, 1))
    rng = np.random.default_rng(0)

    def epoch(params, opt_state, count):
        order = rng.permutation(count)
        loss = None
        for start in range(0, count, BATCH):
            index = order[start:start + BATCH]
            params, opt_state, loss = step(params, opt_state, x[index], y[index])
        jax.block_until_ready(loss)
        return params, opt_state

    params, opt_state = epoch(params, opt_state, BATCH * WARM_BATCHES)
    start = time.perf_counter()
    epoch(params, opt_state, len(x))
    return len(x) / (time.perf_counter() - start)


# --- driver ----------------------------------------------------------------------------------
BENCHMARKS = {
    "a": ("LSTM text classifier (len 100, batch 32)", lstm_data, cornu_lstm,
          {"torch": torch_lstm, "jax": jax_lstm}),
    "b": ("transformer encoder block (64x64, batch 32)", transformer_data, cornu_transformer,
          {"torch": torch_transformer, "jax": jax_transformer}),
}


def print_hot_spots(profiler, limit=15):
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).sort_stats("tottime")
    stats.print_stats(r"cornu/", limit)
    lines = [line for line in stream.getvalue().splitlines()
             if "cornu/" in line and "List reduced" not in line]
    print("   hot spots in cornu (tottime, cumtime, file:line):")
    for line in lines[:limit]:
        print("    ", line.strip())


def run(key, count, repeats, profile):
    title, make_data, build_cornu, baselines = BENCHMARKS[key]
    engine = cornu.backend.backend()
    x, y = make_data(count)
    time_baseline = time_torch_fit if engine == "torch" else time_jax_fit
    cornu_rates, base_rates, profiler = [], [], None
    for attempt in range(repeats):  # alternate, so background load hits both sides alike
        model = build_cornu()  # fresh each time, like the baseline (see run.py)
        rate, attempt_profiler = time_cornu_fit(model, x, y, profile=profile and attempt == 0)
        profiler = profiler or attempt_profiler
        cornu_rates.append(rate)
        base_rates.append(time_baseline(baselines[engine], x, y))
    ours, theirs = max(cornu_rates), max(base_rates)
    print(f"{key}) [{engine}] {title:<44} cornu {ours:8.0f} samples/s | baseline "
          f"{theirs:8.0f} samples/s | ratio {ours / theirs:.2f}x", flush=True)
    if profiler is not None:
        print_hot_spots(profiler)
    return ours / theirs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="tiny smoke run (checks it runs; ratios not meaningful)")
    parser.add_argument("--repeats", type=int, default=None, help="timed runs per side")
    parser.add_argument("--only", default="a,b", help="comma-separated subset of a,b")
    parser.add_argument("--profile", action="store_true", help="print cornu hot spots")
    parser.add_argument("--threads", type=int, default=None,
                        help="torch intra-op threads (steadier numbers on a busy machine)")
    args = parser.parse_args(argv)
    if args.threads:
        if cornu.backend.backend() != "torch":
            parser.error("--threads is torch-only; for JAX set XLA_FLAGS before launching")
        import torch

        torch.set_num_threads(args.threads)
    chosen = [key.strip() for key in args.only.split(",") if key.strip()]
    unknown = [key for key in chosen if key not in BENCHMARKS]
    if unknown:
        parser.error(f"--only: unknown benchmark(s) {unknown}; choose from {sorted(BENCHMARKS)}")
    sizes = SIZES["quick" if args.quick else "full"]
    repeats = args.repeats or (1 if args.quick else 3)
    return {key: run(key, sizes[key], repeats, args.profile) for key in chosen}


if __name__ == "__main__":
    main()
