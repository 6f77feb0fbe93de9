"""Every optimizer's first steps against a NumPy implementation of the Keras update rule."""
# The reference module sits next to this file; pytest puts this directory on sys.path.
import numpy as np
import pytest

import cornu
from cornu import ops, optimizers
import optimizer_numpy_reference as ref

RNG = np.random.default_rng(7)
INITIAL = [RNG.normal(size=(3, 4)).astype("float32"), RNG.normal(size=(4,)).astype("float32")]
GRADS = [[RNG.normal(size=(3, 4)).astype("float32"), RNG.normal(size=(4,)).astype("float32")]
         for _ in range(4)]

CASES = [
    ("sgd", lambda: optimizers.SGD(learning_rate=0.1), lambda: ref.Reference(ref.sgd, learning_rate=0.1)),
    ("sgd_momentum", lambda: optimizers.SGD(0.1, momentum=0.9),
     lambda: ref.Reference(ref.sgd, learning_rate=0.1, momentum=0.9)),
    ("sgd_nesterov", lambda: optimizers.SGD(0.1, momentum=0.9, nesterov=True),
     lambda: ref.Reference(ref.sgd, learning_rate=0.1, momentum=0.9, nesterov=True)),
    ("adam", lambda: optimizers.Adam(0.01), lambda: ref.Reference(ref.adam, learning_rate=0.01)),
    ("adam_amsgrad", lambda: optimizers.Adam(0.01, amsgrad=True),
     lambda: ref.Reference(ref.adam, learning_rate=0.01, amsgrad=True)),
    ("adamw", lambda: optimizers.AdamW(0.01, weight_decay=0.1),
     lambda: ref.Reference(ref.adamw, learning_rate=0.01, weight_decay=0.1)),
    ("rmsprop", lambda: optimizers.RMSprop(0.01), lambda: ref.Reference(ref.rmsprop, learning_rate=0.01)),
    ("rmsprop_momentum_centered", lambda: optimizers.RMSprop(0.01, momentum=0.5, centered=True),
     lambda: ref.Reference(ref.rmsprop, learning_rate=0.01, momentum=0.5, centered=True)),
    ("adagrad", lambda: optimizers.Adagrad(0.1), lambda: ref.Reference(ref.adagrad, learning_rate=0.1)),
    ("adadelta", lambda: optimizers.Adadelta(1.0), lambda: ref.Reference(ref.adadelta, learning_rate=1.0)),
    ("adamax", lambda: optimizers.Adamax(0.01), lambda: ref.Reference(ref.adamax, learning_rate=0.01)),
    ("nadam", lambda: optimizers.Nadam(0.01), lambda: ref.NadamReference(learning_rate=0.01)),
    ("ftrl", lambda: optimizers.Ftrl(0.1, l1_regularization_strength=0.01,
                                     l2_regularization_strength=0.02,
                                     l2_shrinkage_regularization_strength=0.03, beta=0.1),
     lambda: ref.Reference(ref.ftrl, learning_rate=0.1, l1_regularization_strength=0.01,
                   l2_regularization_strength=0.02, l2_shrinkage_regularization_strength=0.03,
                   beta=0.1)),
    ("lion", lambda: optimizers.Lion(0.01), lambda: ref.Reference(ref.lion, learning_rate=0.01)),
    ("lamb", lambda: optimizers.Lamb(0.01), lambda: ref.Reference(ref.lamb, learning_rate=0.01)),
    ("adafactor", lambda: optimizers.Adafactor(0.01),
     lambda: ref.Reference(ref.adafactor, learning_rate=0.01)),
]


def _expected(make_reference):
    reference = make_reference()
    weights = [w.astype("float64") for w in INITIAL]
    history = []
    for grads in GRADS:
        weights = reference.step(weights, grads)
        history.append(weights)
    return history


@pytest.mark.parametrize("name,make,reference", CASES, ids=[c[0] for c in CASES])
def test_apply_matches_numpy_reference(name, make, reference):
    optimizer = make()
    variables = [cornu.Variable(w) for w in INITIAL]
    for step, (grads, expected) in enumerate(zip(GRADS, _expected(reference))):
        optimizer.apply([ops.convert_to_tensor(g) for g in grads], variables)
        for variable, want in zip(variables, expected):
            np.testing.assert_allclose(ops.convert_to_numpy(variable), want, rtol=2e-5,
                                       atol=2e-6, err_msg=f"{name} step {step + 1}")
    assert int(ops.convert_to_numpy(optimizer.iterations)) == len(GRADS)


@pytest.mark.parametrize("name,make,reference", CASES, ids=[c[0] for c in CASES])
def test_stateless_apply_matches_numpy_reference(name, make, reference):
    optimizer = make()
    variables = [cornu.Variable(w) for w in INITIAL]
    optimizer.build(variables)
    trainable = [v.value for v in variables]
    state = [v.value for v in optimizer.variables]
    before = [ops.convert_to_numpy(v).copy() for v in optimizer.variables]
    for grads, expected in zip(GRADS, _expected(reference)):
        trainable, state = optimizer.stateless_apply(
            state, [ops.convert_to_tensor(g) for g in grads], trainable)
    for value, want in zip(trainable, expected):
        np.testing.assert_allclose(ops.convert_to_numpy(value), want, rtol=2e-5, atol=2e-6)
    # Nothing was mutated: model and optimizer variables still hold their initial values.
    for variable, initial in zip(variables, INITIAL):
        np.testing.assert_array_equal(ops.convert_to_numpy(variable), initial)
    for variable, initial in zip(optimizer.variables, before):
        np.testing.assert_array_equal(ops.convert_to_numpy(variable), initial)
    assert int(ops.convert_to_numpy(state[0])) == len(GRADS)
