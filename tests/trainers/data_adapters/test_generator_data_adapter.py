import itertools

import numpy as np
import pytest

from cornu.trainers.data_adapters import GeneratorDataAdapter, get_data_adapter


def _batches(count, size=4):
    for index in range(count):
        yield np.full((size, 2), index, "float64"), np.full((size,), index)


def test_generator_yields_numpy_batches_and_is_consumed_across_epochs():
    adapter = get_data_adapter(_batches(5), steps_per_epoch=2)
    assert isinstance(adapter, GeneratorDataAdapter)
    assert adapter.num_batches is None and adapter.batch_size == 4 and adapter.is_one_shot
    first = list(itertools.islice(adapter.get_numpy_iterator(), 2))
    second = list(itertools.islice(adapter.get_numpy_iterator(), 2))
    assert [int(b[1][0]) for b in first + second] == [0, 1, 2, 3]
    assert first[0][0].dtype == np.float32


def test_infinite_generator_with_steps_and_without_is_refused_for_many_epochs():
    def endless():
        while True:
            yield np.zeros((2, 1)), np.zeros(2)

    adapter = get_data_adapter(endless(), steps_per_epoch=3, epochs=5)
    assert len(list(itertools.islice(adapter.get_numpy_iterator(), 3))) == 3
    with pytest.raises(ValueError, match="steps_per_epoch.*epochs=5"):
        get_data_adapter(endless(), epochs=5)


def test_reiterable_iterable_restarts_every_epoch_and_knows_length():
    class Batches:
        def __len__(self):
            return 3

        def __iter__(self):
            return iter([(np.full((2, 1), i), np.zeros(2)) for i in range(3)])

    adapter = get_data_adapter(Batches())
    assert adapter.num_batches == 3 and not adapter.is_one_shot
    for _ in range(2):
        assert [int(b[0][0, 0]) for b in adapter.get_numpy_iterator()] == [0, 1, 2]


def test_x_only_batches_and_sample_weights_pass_through():
    def gen():
        yield np.ones((2, 3))
        yield np.ones((2, 3)), np.zeros(2), np.full(2, 0.5)

    first, second = list(get_data_adapter(gen()).get_numpy_iterator())
    assert len(first) == 1 and len(second) == 3
    np.testing.assert_allclose(second[2], [0.5, 0.5])


def test_class_weight_applied_per_batch():
    adapter = get_data_adapter(_batches(2), class_weight={0: 3.0, 1: 0.5})
    weights = [batch[2] for batch in adapter.get_numpy_iterator()]
    np.testing.assert_allclose(np.concatenate(weights), [3.0] * 4 + [0.5] * 4)


def test_empty_generator_fails_before_training():
    with pytest.raises(ValueError, match="yielded no batches"):
        get_data_adapter(iter([]))


def test_bad_batch_format_fails_before_training():
    with pytest.raises(ValueError, match="tuple of 4"):
        get_data_adapter(iter([(1, 2, 3, 4)]))


def test_y_with_generator_is_refused():
    with pytest.raises(ValueError, match="`y` argument is not supported"):
        get_data_adapter(_batches(1), y=np.zeros(4))


def test_unsupported_type_names_the_type():
    with pytest.raises(ValueError, match="Unrecognized data type for `x`: builtins.int"):
        get_data_adapter(5)
    with pytest.raises(ValueError, match="builtins.str"):
        get_data_adapter("some/path")
    with pytest.raises(ValueError, match="None"):
        get_data_adapter(None)
