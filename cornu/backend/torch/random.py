"""Random draws of the torch engine.

Every function takes `seed`, a 2-element integer tensor produced by
`cornu.random.SeedGenerator.next()`; the same seed always gives the same draw.
"""
import torch

from cornu import config
from cornu.backend.torch.core import _DEVICE, convert_to_tensor
from cornu.backend.torch.numpy.promotion import tensor, to_float, torch_dtype


_MASK64 = (1 << 64) - 1


def _mix64(value):
    """splitmix64's finalizer: every input bit reaches the low 32 bits, which are all
    that torch's CPU generator (mt19937) keeps of a seed."""
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9 & _MASK64
    value = (value ^ (value >> 27)) * 0x94D049BB133111EB & _MASK64
    return value ^ (value >> 31)


def _generator(seed):
    values = convert_to_tensor(seed).detach().cpu().tolist()
    combined = (int(values[0]) & 0xFFFFFFFF) << 32 | (int(values[1]) & 0xFFFFFFFF)
    generator = torch.Generator(device=_DEVICE)
    generator.manual_seed(_mix64(combined) % (2 ** 63))
    return generator


def _shape(shape):
    return tuple(int(d) for d in shape)


def _float_dtype(dtype):
    return torch_dtype(dtype or config.floatx())


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    target = _float_dtype(dtype)
    sample = torch.randn(_shape(shape), generator=_generator(seed), device=_DEVICE,
                         dtype=torch.float32)
    return (sample * stddev + mean).to(target)


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    target = _float_dtype(dtype)
    sample = torch.rand(_shape(shape), generator=_generator(seed), device=_DEVICE,
                        dtype=torch.float32)
    return (sample * (maxval - minval) + minval).to(target)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    target = _float_dtype(dtype)
    sample = torch.empty(_shape(shape), device=_DEVICE, dtype=torch.float32)
    torch.nn.init.trunc_normal_(sample, mean=0.0, std=1.0, a=-2.0, b=2.0,
                                generator=_generator(seed))
    return (sample * stddev + mean).to(target)


def randint(shape, minval, maxval, dtype="int32", seed=None):
    return torch.randint(int(minval), int(maxval), _shape(shape), generator=_generator(seed),
                         device=_DEVICE, dtype=torch.int64).to(torch_dtype(dtype))


def categorical(logits, num_samples, dtype="int32", seed=None):
    logits = to_float(logits)
    probabilities = torch.softmax(logits.float(), dim=-1)
    samples = torch.multinomial(probabilities, num_samples, replacement=True,
                                generator=_generator(seed))
    return samples.to(torch_dtype(dtype))


def dropout(inputs, rate, noise_shape=None, seed=None):
    inputs = to_float(inputs)
    if not 0.0 <= float(rate) < 1.0:
        raise ValueError(f"`dropout`: rate must be in [0, 1), received {rate}.")
    if rate == 0:
        return inputs
    shape = tuple(inputs.shape) if noise_shape is None else tuple(
        inputs.shape[i] if d is None else int(d) for i, d in enumerate(noise_shape))
    keep = torch.rand(shape, generator=_generator(seed), device=inputs.device) >= rate
    return torch.where(keep, inputs / (1.0 - rate), torch.zeros_like(inputs))


def shuffle(x, axis=0, seed=None):
    x = convert_to_tensor(x)
    permutation = torch.randperm(x.shape[axis], generator=_generator(seed), device=x.device)
    return torch.index_select(x, axis, permutation)


def gamma(shape, alpha, dtype=None, seed=None):
    target = _float_dtype(dtype)
    concentration = torch.broadcast_to(tensor(alpha, "float32"), _shape(shape))
    generator = _generator(seed)
    # torch's Gamma sampler has no generator argument; draw via the Marsaglia-Tsang
    # transform from seeded normals/uniforms instead.
    boost = concentration < 1.0
    alpha_up = torch.where(boost, concentration + 1.0, concentration)
    d = alpha_up - 1.0 / 3.0
    c = 1.0 / torch.sqrt(9.0 * d)
    result = torch.zeros_like(alpha_up)
    done = torch.zeros_like(alpha_up, dtype=torch.bool)
    for _ in range(64):
        z = torch.randn(alpha_up.shape, generator=generator, device=alpha_up.device)
        u = torch.rand(alpha_up.shape, generator=generator, device=alpha_up.device)
        v = torch.pow(1.0 + c * z, 3)
        accept = (v > 0) & (torch.log(u.clamp_min(1e-30))
                            < 0.5 * z * z + d - d * v + d * torch.log(v.clamp_min(1e-30)))
        result = torch.where(accept & ~done, d * v, result)
        done = done | accept
        if bool(done.all()):
            break
    u = torch.rand(alpha_up.shape, generator=generator, device=alpha_up.device)
    result = torch.where(boost, result * torch.pow(u, 1.0 / concentration), result)
    return result.to(target)


def beta(shape, alpha, beta, dtype=None, seed=None):
    seed = convert_to_tensor(seed)
    first = gamma(shape, alpha, dtype="float32", seed=seed)
    second = gamma(shape, beta, dtype="float32", seed=seed + 1)
    return (first / (first + second)).to(_float_dtype(dtype))


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    counts = torch.broadcast_to(tensor(counts, "float32"), _shape(shape))
    probabilities = torch.broadcast_to(tensor(probabilities, "float32"), _shape(shape))
    generator = _generator(seed)
    maximum = int(counts.max()) if counts.numel() else 0
    trials = torch.rand((maximum,) + _shape(shape), generator=generator, device=counts.device)
    index = torch.arange(maximum, device=counts.device).reshape((-1,) + (1,) * len(shape))
    successes = ((trials < probabilities) & (index < counts)).sum(dim=0)
    return successes.to(_float_dtype(dtype))


def seed_engine(seed):
    """Seed torch's own global generators (used by code outside cornu.random)."""
    torch.manual_seed(seed)
