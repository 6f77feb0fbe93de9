import time, numpy as np
from cornu import ops
from cornu.backend import engine
import torch
a = torch.randn(32, 64); b = torch.randn(32, 64); w = torch.randn(64, 64)
def bench(f, n=2000):
    f(); t = time.perf_counter()
    for _ in range(n): f()
    return (time.perf_counter() - t) / n * 1e6
print("torch.add", bench(lambda: torch.add(a, b)))
print("ops.add", bench(lambda: ops.add(a, b)))
print("ops.add scalar", bench(lambda: ops.add(a, 1.0)))
print("ops.matmul", bench(lambda: ops.matmul(a, w)))
print("torch.matmul", bench(lambda: torch.matmul(a, w)))
print("ops.mean", bench(lambda: ops.mean(a, axis=-1)))
print("ops.relu", bench(lambda: ops.relu(a)))
print("ops.softmax", bench(lambda: ops.softmax(a)))
