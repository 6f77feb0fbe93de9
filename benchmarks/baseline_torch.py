"""Hand-written PyTorch eager training loops, the reference cornu[torch] is measured against."""
import time

import numpy as np
import torch
from torch import nn


def mlp():
    return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                         nn.Linear(512, 10))


def cnn():
    # NCHW, the layout torch users write by hand.
    return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(64 * 5 * 5, 10))


def _epoch(model, optimizer, x, y, batch_size):
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(len(x))
    for start in range(0, len(x), batch_size):
        index = order[start:start + batch_size]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[index]), y[index])
        loss.backward()
        optimizer.step()
    return float(loss.detach())


def time_fit(builder, x, y, batch_size, epochs=1, channels_first=False):
    """Samples per second of an eager loop with `torch.optim.Adam(foreach=True)`."""
    model = builder()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=True)
    tx = torch.from_numpy(np.moveaxis(x, -1, 1).copy() if channels_first else x)
    ty = torch.from_numpy(y.astype(np.int64))
    warm = batch_size * 3 + len(x) % batch_size  # same warm-up as the cornu side
    _epoch(model, optimizer, tx[:warm], ty[:warm], batch_size)
    start = time.perf_counter()
    for _ in range(epochs):
        _epoch(model, optimizer, tx, ty, batch_size)
    return epochs * len(x) / (time.perf_counter() - start)


def time_forward_one(builder, x_one, calls):
    """Seconds per hand-written forward call (no_grad) on one sample."""
    model = builder()
    tx = torch.from_numpy(x_one)
    with torch.no_grad():
        model(tx)
        start = time.perf_counter()
        for _ in range(calls):
            model(torch.from_numpy(x_one)).numpy()
    return (time.perf_counter() - start) / calls


def set_threads(count):
    """Limit torch's intra-op threads (both cornu and the baseline use them)."""
    torch.set_num_threads(count)
