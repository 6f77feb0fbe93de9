"""Training/inference speed of cornu against hand-written loops of the same engine.

    CORNU_BACKEND=torch python benchmarks/run.py [--quick] [--repeats N] [--only a,b,c,d]
                                                 [--threads N]
    CORNU_BACKEND=jax   python benchmarks/run.py [--quick]

Benchmarks (random data, one process, cornu and baseline alternated, best of N):
  a) MLP 784-512-512-10, 30k samples, batch 128
  b) CNN 28x28x1 conv32-pool-conv64-pool-dense10, batch 128
  c) the MLP at batch 16 (per-step overhead)
  d) predict() on one sample vs a direct model call (and a hand-written forward)
"""
import argparse
import importlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cornu  # noqa: E402
import cornu_side  # noqa: E402

SIZES = {"full": {"a": 30000, "b": 6400, "c": 8000, "d": 300},
         "quick": {"a": 2048, "b": 512, "c": 512, "d": 30}}


def best_of(repeats, fn):
    return max(fn() for _ in range(repeats))


def run_training(name, title, builder_name, shape, count, batch_size, repeats, baseline,
                 channels_first):
    x, y = cornu_side.random_data(shape, count)
    cornu_rates, base_rates = [], []
    for _ in range(repeats):  # alternate, so background load hits both sides alike
        # A fresh model per repeat, as on the baseline side, so both time the same work
        # (a model trained for longer is in a different state).
        model = cornu_side.compiled(getattr(cornu_side, builder_name))
        cornu_rates.append(cornu_side.time_fit(model, x, y, batch_size))
        base_rates.append(baseline.time_fit(getattr(baseline, builder_name), x, y, batch_size,
                                            channels_first=channels_first))
    ours, theirs = max(cornu_rates), max(base_rates)
    print(f"{name}) {title:<44} cornu {ours:9.0f} samples/s | baseline {theirs:9.0f} "
          f"samples/s | ratio {ours / theirs:.2f}x", flush=True)
    return ours / theirs


def run_predict(calls, baseline, repeats):
    model = cornu_side.compiled(cornu_side.mlp)
    x_one, _ = cornu_side.random_data((784,), 1)
    results = [cornu_side.time_predict_one(model, x_one, calls) for _ in range(repeats)]
    predict_seconds = min(r[0] for r in results)
    direct_seconds = min(r[1] for r in results)
    hand_seconds = min(baseline.time_forward_one(baseline.mlp, x_one, calls)
                       for _ in range(repeats))
    print(f"d) predict() on 1 sample (MLP)                   predict {predict_seconds * 1e3:7.3f} "
          f"ms | direct model(x) {direct_seconds * 1e3:7.3f} ms | ratio "
          f"{predict_seconds / direct_seconds:.2f}x | hand-written forward "
          f"{hand_seconds * 1e3:.3f} ms", flush=True)
    return predict_seconds / direct_seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    parser.add_argument("--repeats", type=int, default=None, help="best of N (default 2, quick 1)")
    parser.add_argument("--threads", type=int, default=None,
                        help="torch only: intra-op threads for both sides (less noise on a "
                             "shared machine)")
    parser.add_argument("--only", default="a,b,c,d", help="comma-separated subset of a,b,c,d")
    args = parser.parse_args(argv)
    sizes = SIZES["quick" if args.quick else "full"]
    repeats = args.repeats or (1 if args.quick else 2)
    engine = cornu.backend.backend()
    baseline = importlib.import_module(f"baseline_{engine}")
    if args.threads:
        baseline.set_threads(args.threads)
    channels_first = engine == "torch"
    selected = set(args.only.split(","))
    print(f"cornu[{engine}] vs hand-written {engine} loop; repeats={repeats}"
          f"{' (quick)' if args.quick else ''}"
          f"{f'; threads={args.threads}' if args.threads else ''}", flush=True)
    if "a" in selected:
        run_training("a", f"MLP 784-512-512-10, {sizes['a']} samples, bs 128", "mlp", (784,),
                     sizes["a"], 128, repeats, baseline, False)
    if "b" in selected:
        run_training("b", f"CNN conv32-pool-conv64-pool, {sizes['b']} samples, bs 128", "cnn",
                     (28, 28, 1), sizes["b"], 128, repeats, baseline, channels_first)
    if "c" in selected:
        run_training("c", f"MLP, {sizes['c']} samples, bs 16", "mlp", (784,), sizes["c"], 16,
                     repeats, baseline, False)
    if "d" in selected:
        run_predict(sizes["d"], baseline, repeats)


if __name__ == "__main__":
    main()
