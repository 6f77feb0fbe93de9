"""Learning-rate schedules against their closed-form formulas, configs, and use in optimizers."""
import math

import numpy as np
import pytest

import cornu
from cornu import ops, optimizers
from cornu.optimizers import schedules

STEPS = [0, 1, 3, 5, 10, 11, 17, 25, 40]


def _value(schedule, step):
    return float(ops.convert_to_numpy(schedule(step)))


def _check(schedule, formula):
    for step in STEPS:
        assert _value(schedule, step) == pytest.approx(formula(step), rel=1e-5, abs=1e-7), step


def test_exponential_decay():
    _check(schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5),
           lambda s: 0.1 * 0.5 ** (s / 10))
    _check(schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5, staircase=True),
           lambda s: 0.1 * 0.5 ** math.floor(s / 10))


def test_inverse_time_decay():
    _check(schedules.InverseTimeDecay(0.2, decay_steps=5, decay_rate=0.5),
           lambda s: 0.2 / (1 + 0.5 * s / 5))
    _check(schedules.InverseTimeDecay(0.2, decay_steps=5, decay_rate=0.5, staircase=True),
           lambda s: 0.2 / (1 + 0.5 * math.floor(s / 5)))


def test_piecewise_constant_decay_boundaries_are_inclusive_on_the_left_interval():
    schedule = schedules.PiecewiseConstantDecay([5, 10], [1.0, 0.5, 0.1])
    _check(schedule, lambda s: 1.0 if s <= 5 else (0.5 if s <= 10 else 0.1))


def test_polynomial_decay():
    _check(schedules.PolynomialDecay(0.1, decay_steps=10, end_learning_rate=0.01, power=2.0),
           lambda s: (0.1 - 0.01) * (1 - min(s, 10) / 10) ** 2 + 0.01)

    def cycled(s):
        horizon = 10 * max(math.ceil(s / 10), 1)
        return (0.1 - 0.01) * (1 - s / horizon) + 0.01

    _check(schedules.PolynomialDecay(0.1, decay_steps=10, end_learning_rate=0.01, cycle=True),
           cycled)


def test_cosine_decay_and_warmup():
    def cosine(s, start=0.1, alpha=0.1, steps=20):
        s = min(s, steps)
        return start * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * s / steps)) + alpha)

    _check(schedules.CosineDecay(0.1, decay_steps=20, alpha=0.1), cosine)

    def warm(s):
        if s < 5:
            return 0.0 + (0.2 - 0.0) * s / 5
        return cosine(min(s - 5, 20), start=0.2, alpha=0.0)

    _check(schedules.CosineDecay(0.0, decay_steps=20, warmup_target=0.2, warmup_steps=5), warm)


def test_cosine_decay_restarts():
    def sgdr(s, t_mul, m_mul, first=10, alpha=0.05, start=0.1):
        period, begin, restart = first, 0.0, 0
        while s >= begin + period:
            begin += period
            period *= t_mul
            restart += 1
        fraction = (s - begin) / period
        decayed = (1 - alpha) * m_mul ** restart * 0.5 * (1 + math.cos(math.pi * fraction)) + alpha
        return start * decayed

    _check(schedules.CosineDecayRestarts(0.1, 10, t_mul=2.0, m_mul=0.5, alpha=0.05),
           lambda s: sgdr(s, 2.0, 0.5))
    _check(schedules.CosineDecayRestarts(0.1, 10, t_mul=1.0, m_mul=0.9, alpha=0.05),
           lambda s: sgdr(s, 1.0, 0.9))


CONFIGS = [
    (schedules.ExponentialDecay(0.1, 10, 0.5),
     ["initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name"]),
    (schedules.PiecewiseConstantDecay([5], [1.0, 0.5]), ["boundaries", "values", "name"]),
    (schedules.PolynomialDecay(0.1, 10),
     ["initial_learning_rate", "decay_steps", "end_learning_rate", "power", "cycle", "name"]),
    (schedules.InverseTimeDecay(0.1, 10, 0.5),
     ["initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name"]),
    (schedules.CosineDecay(0.1, 10),
     ["initial_learning_rate", "decay_steps", "alpha", "name", "warmup_target",
      "warmup_steps"]),
    (schedules.CosineDecayRestarts(0.1, 10),
     ["initial_learning_rate", "first_decay_steps", "t_mul", "m_mul", "alpha", "name"]),
]


@pytest.mark.parametrize("schedule,keys", CONFIGS, ids=lambda x: type(x).__name__)
def test_config_round_trip(schedule, keys):
    config = schedule.get_config()
    assert list(config) == keys
    restored = type(schedule).from_config(config)
    assert restored.get_config() == config
    serialized = schedules.serialize(schedule)
    assert serialized == {"module": "keras.optimizers.schedules",
                          "class_name": type(schedule).__name__, "config": config,
                          "registered_name": None}
    again = schedules.deserialize(serialized)
    assert type(again) is type(schedule) and again.get_config() == config
    assert _value(again, 7) == pytest.approx(_value(schedule, 7))


def test_default_names():
    assert schedules.ExponentialDecay(0.1, 1, 0.5).name == "ExponentialDecay"
    assert schedules.PiecewiseConstantDecay([1], [1.0, 0.5]).name == "PiecewiseConstant"
    assert schedules.CosineDecayRestarts(0.1, 1).name == "SGDRDecay"
    assert schedules.PolynomialDecay(0.1, 1).end_learning_rate == 0.0001


def test_invalid_arguments_raise():
    with pytest.raises(ValueError, match="decay_steps` must be > 0"):
        schedules.ExponentialDecay(0.1, decay_steps=0, decay_rate=0.5)
    with pytest.raises(ValueError, match="1 less than the length of `values`"):
        schedules.PiecewiseConstantDecay([1, 2], [1.0, 0.5])
    with pytest.raises(ValueError, match="initial_learning_rate"):
        schedules.CosineDecay("high", 10)
    with pytest.raises(ValueError, match="Unknown learning rate schedule"):
        schedules.deserialize({"class_name": "Nope", "config": {}})
    with pytest.raises(NotImplementedError, match="must override `__call__"):
        schedules.LearningRateSchedule()(0)


def test_custom_schedule_in_optimizer_is_called_with_the_step():
    class Halving(schedules.LearningRateSchedule):
        def __call__(self, step):
            return 1.0 * 0.5 ** ops.cast(step, "float32")

        def get_config(self):
            return {}

    optimizer = optimizers.SGD(learning_rate=Halving())
    variable = cornu.Variable(np.array([0.0], "float32"))
    for _ in range(3):
        optimizer.apply([ops.convert_to_tensor(np.ones(1, "float32"))], [variable])
    np.testing.assert_allclose(ops.convert_to_numpy(variable), [-(1 + 0.5 + 0.25)], rtol=1e-6)
    assert float(ops.convert_to_numpy(optimizer.learning_rate)) == pytest.approx(0.125)
    restored = schedules.deserialize(schedules.serialize(Halving()),
                                     custom_objects={"Halving": Halving})
    assert isinstance(restored, Halving)
