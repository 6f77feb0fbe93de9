"""Loss base class: reductions, sample weights, rank fixing, config, get/serialize."""
import numpy as np
import pytest

from cornu import losses, ops
from cornu.losses.loss import Loss, squeeze_or_expand_to_same_rank


def to_np(x):
    return np.asarray(ops.convert_to_numpy(x))


class AbsoluteLoss(Loss):
    def call(self, y_true, y_pred):
        return ops.mean(ops.abs(y_true - y_pred), axis=-1)


Y_TRUE = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "float32")
Y_PRED = np.array([[1.5, 2.0], [2.0, 5.0], [5.0, 3.0]], "float32")
PER_SAMPLE = np.mean(np.abs(Y_TRUE - Y_PRED), axis=-1)


def test_default_reduction_is_mean_over_batch():
    assert np.isclose(float(AbsoluteLoss()(Y_TRUE, Y_PRED)), PER_SAMPLE.mean())


@pytest.mark.parametrize("reduction", ["sum", "sum_over_batch_size", "mean", "none", None,
                                       "mean_with_sample_weight"])
def test_reductions_with_sample_weight(reduction):
    weights = np.array([0.5, 2.0, 0.0], "float32")
    got = to_np(AbsoluteLoss(reduction=reduction)(Y_TRUE, Y_PRED, sample_weight=weights))
    weighted = PER_SAMPLE * weights
    expected = {
        "sum": weighted.sum(), "sum_over_batch_size": weighted.sum() / 3,
        "mean": weighted.sum() / 3, "none": weighted, None: weighted,
        "mean_with_sample_weight": weighted.sum() / weights.sum(),
    }[reduction]
    np.testing.assert_allclose(got, expected, rtol=1e-6)


def test_sample_weight_with_trailing_axis_and_scalar():
    weights = np.array([[1.0], [0.0], [3.0]], "float32")
    got = float(AbsoluteLoss(reduction="sum")(Y_TRUE, Y_PRED, sample_weight=weights))
    assert np.isclose(got, np.sum(PER_SAMPLE * weights[:, 0]))
    got = float(AbsoluteLoss(reduction="sum")(Y_TRUE, Y_PRED, sample_weight=2.0))
    assert np.isclose(got, 2.0 * PER_SAMPLE.sum())


def test_invalid_reduction_names_the_argument():
    with pytest.raises(ValueError, match="reduction"):
        AbsoluteLoss(reduction="average")


def test_bad_sample_weight_shape_is_clear():
    with pytest.raises(ValueError, match="sample_weight"):
        losses.MeanSquaredError()(Y_TRUE, Y_PRED, sample_weight=np.ones((5,), "float32"))


def test_inputs_are_cast_to_loss_dtype():
    loss = losses.MeanSquaredError(dtype="float16")
    value = loss(np.array([[1, 2]], "int32"), np.array([[0.5, 2.5]], "float32"))
    assert ops.dtype(value) == "float16"
    assert np.isclose(float(value), 0.25)
    assert ops.dtype(losses.MeanSquaredError()([[1, 2]], [[1, 2]])) == "float32"


def test_squeeze_or_expand_to_same_rank():
    a, b = squeeze_or_expand_to_same_rank(ops.ones((4,)), ops.ones((4, 1)))
    assert tuple(a.shape) == (4, 1) and tuple(b.shape) == (4, 1)
    a, b = squeeze_or_expand_to_same_rank(ops.ones((4, 3, 1)), ops.ones((4, 3)))
    assert tuple(a.shape) == (4, 3) and tuple(b.shape) == (4, 3)
    a, b = squeeze_or_expand_to_same_rank(ops.ones((4, 2)), ops.ones((4, 2)))
    assert tuple(a.shape) == (4, 2)


def test_rank_mismatch_targets_are_aligned_for_custom_functions():
    def custom_mse(y_true, y_pred):
        return ops.mean(ops.square(y_pred - y_true))

    wrapper = losses.LossFunctionWrapper(custom_mse, name="custom")
    y_true = np.array([1.0, 2.0, 3.0], "float32")
    y_pred = np.array([[1.0], [2.0], [5.0]], "float32")
    # Without aligning, (3,) - (3, 1) would broadcast to (3, 3).
    assert np.isclose(float(wrapper(y_true, y_pred)), 4.0 / 3.0)
    assert np.isclose(float(losses.MeanSquaredError()(y_true, y_pred)), 4.0 / 3.0)


def test_scalar_loss_from_function_is_not_reduced_again():
    wrapper = losses.LossFunctionWrapper(lambda t, p: ops.sum(ops.abs(t - p)), reduction="sum")
    assert np.isclose(float(wrapper(Y_TRUE, Y_PRED)), np.abs(Y_TRUE - Y_PRED).sum())


def test_function_wrapper_passes_kwargs_and_round_trips():
    wrapper = losses.LossFunctionWrapper(losses.huber, name="h", delta=0.5)
    expected = float(losses.Huber(delta=0.5)(Y_TRUE, Y_PRED))
    assert np.isclose(float(wrapper(Y_TRUE, Y_PRED)), expected)
    config = wrapper.get_config()
    assert config["delta"] == 0.5 and config["name"] == "h"
    rebuilt = losses.LossFunctionWrapper.from_config(config)
    assert rebuilt.fn is losses.huber
    assert np.isclose(float(rebuilt(Y_TRUE, Y_PRED)), expected)


def test_wrapper_rejects_non_callable():
    with pytest.raises(TypeError, match="callable"):
        losses.LossFunctionWrapper("mse")


def test_get_resolves_names_aliases_classes_and_callables():
    assert losses.get("mse") is losses.mean_squared_error
    assert losses.get("MSE") is losses.mean_squared_error
    assert losses.get("mean_absolute_error") is losses.mean_absolute_error
    assert losses.get("categorical_crossentropy") is losses.categorical_crossentropy
    assert losses.get("huber") is losses.huber
    assert isinstance(losses.get("BinaryCrossentropy"), losses.BinaryCrossentropy)
    assert isinstance(losses.get(losses.Huber), losses.Huber)
    assert losses.get(None) is None
    custom = losses.Huber(delta=2.0)
    assert losses.get(custom) is custom
    from_dict = losses.get({"class_name": "Huber", "config": {"delta": 3.0}})
    assert isinstance(from_dict, losses.Huber) and from_dict.get_config()["delta"] == 3.0
    with pytest.raises(ValueError, match="Could not interpret loss identifier"):
        losses.get("not_a_loss")
    with pytest.raises(ValueError, match="Could not interpret loss identifier"):
        losses.get(42)


def test_serialize_deserialize_round_trip():
    loss = losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.2,
                                          reduction="sum", name="cce")
    config = losses.serialize(loss)
    assert config["class_name"] == "CategoricalCrossentropy"
    rebuilt = losses.deserialize(config)
    assert isinstance(rebuilt, losses.CategoricalCrossentropy)
    assert rebuilt.get_config() == loss.get_config()
    assert losses.deserialize(losses.serialize(losses.mean_squared_error)) is \
        losses.mean_squared_error
    assert losses.deserialize("mae") is losses.mean_absolute_error

    class Custom(Loss):
        def call(self, y_true, y_pred):
            return y_pred

    rebuilt = losses.deserialize(losses.serialize(Custom(name="c")),
                                 custom_objects={"Custom": Custom})
    assert isinstance(rebuilt, Custom) and rebuilt.name == "c"
    with pytest.raises(ValueError, match="Custom"):
        losses.deserialize(losses.serialize(Custom(name="c")))


@pytest.mark.parametrize("cls", [
    losses.MeanSquaredError, losses.MeanAbsoluteError, losses.MeanAbsolutePercentageError,
    losses.MeanSquaredLogarithmicError, losses.Huber, losses.LogCosh, losses.CosineSimilarity,
    losses.BinaryCrossentropy, losses.BinaryFocalCrossentropy, losses.CategoricalCrossentropy,
    losses.CategoricalFocalCrossentropy, losses.SparseCategoricalCrossentropy,
    losses.KLDivergence, losses.Poisson, losses.Hinge, losses.SquaredHinge,
    losses.CategoricalHinge, losses.Tversky, losses.Dice, losses.CTC])
def test_every_loss_class_config_round_trip(cls):
    loss = cls(reduction="sum", name="custom_name")
    config = loss.get_config()
    assert config["name"] == "custom_name" and config["reduction"] == "sum"
    assert "fn" not in config
    rebuilt = cls.from_config(config)
    assert rebuilt.get_config() == config


def test_default_names_match_keras():
    assert losses.MeanSquaredError().name == "mean_squared_error"
    assert losses.Huber().name == "huber_loss"
    assert losses.SparseCategoricalCrossentropy().name == "sparse_categorical_crossentropy"
    assert losses.Dice().name == "dice"
    assert losses.CTC().name == "ctc"


def test_losses_work_on_symbolic_tensors():
    import cornu

    y_true = cornu.KerasTensor((None, 3))
    y_pred = cornu.KerasTensor((None, 3))
    per_sample = losses.MeanSquaredError(reduction="none")(y_true, y_pred)
    assert tuple(per_sample.shape) == (None,)
    assert tuple(losses.CategoricalCrossentropy()(y_true, y_pred).shape) == ()
