import cProfile, pstats, torch
from cornu import ops
a = torch.randn(32, 64); w = torch.randn(64, 64); b = torch.randn(32, 64)
def run():
    for _ in range(3000): ops.add(a, b); ops.matmul(a, w)
cProfile.run("run()", "/tmp/prof.out")
pstats.Stats("/tmp/prof.out").sort_stats("tottime").print_stats(14)
