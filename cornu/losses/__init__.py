"""`cornu.losses`: loss classes, loss functions and `get`/`serialize`/`deserialize`."""
from cornu.losses.crossentropy import (
    BinaryCrossentropy, BinaryFocalCrossentropy, CategoricalCrossentropy,
    CategoricalFocalCrossentropy, SparseCategoricalCrossentropy, binary_crossentropy,
    binary_focal_crossentropy, categorical_crossentropy, categorical_focal_crossentropy,
    sparse_categorical_crossentropy)
from cornu.losses.ctc import CTC, ctc
from cornu.losses.hinge import (
    CategoricalHinge, Hinge, SquaredHinge, categorical_hinge, hinge, squared_hinge)
from cornu.losses.loss import Loss
from cornu.losses.probabilistic import KLDivergence, Poisson, kl_divergence, poisson
from cornu.losses.regression import (
    CosineSimilarity, Huber, LogCosh, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredError, MeanSquaredLogarithmicError, cosine_similarity, huber, log_cosh,
    mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
    mean_squared_logarithmic_error)
from cornu.losses.segmentation import Dice, Tversky, dice, tversky
from cornu.losses.serialization import deserialize_object, get_callable, serialize_object
from cornu.losses.wrapper import LossFunctionWrapper

# Keras-2 style short names.
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh
bce = BCE = binary_crossentropy

ALL_OBJECTS = (
    Loss, LossFunctionWrapper,
    MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredLogarithmicError, Huber, LogCosh, CosineSimilarity,
    BinaryCrossentropy, BinaryFocalCrossentropy, CategoricalCrossentropy,
    CategoricalFocalCrossentropy, SparseCategoricalCrossentropy,
    KLDivergence, Poisson, Hinge, SquaredHinge, CategoricalHinge, Tversky, Dice, CTC,
    mean_squared_error, mean_absolute_error, mean_absolute_percentage_error,
    mean_squared_logarithmic_error, huber, log_cosh, cosine_similarity,
    binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
    categorical_focal_crossentropy, sparse_categorical_crossentropy,
    kl_divergence, poisson, hinge, squared_hinge, categorical_hinge, tversky, dice, ctc,
)

ALL_OBJECTS_DICT = {obj.__name__: obj for obj in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({
    "mse": mean_squared_error, "MSE": mean_squared_error,
    "mae": mean_absolute_error, "MAE": mean_absolute_error,
    "mape": mean_absolute_percentage_error, "MAPE": mean_absolute_percentage_error,
    "msle": mean_squared_logarithmic_error, "MSLE": mean_squared_logarithmic_error,
    "kld": kl_divergence, "KLD": kl_divergence,
    "kullback_leibler_divergence": kl_divergence, "logcosh": log_cosh,
    "bce": binary_crossentropy, "BCE": binary_crossentropy,
    "huber_loss": huber,
})


def serialize(loss):
    """Config dict of a loss object or function.

    Example:
        >>> serialize(MeanSquaredError())["class_name"]
        'MeanSquaredError'
    """
    return serialize_object(loss, "cornu.losses")


def deserialize(config, custom_objects=None):
    """Rebuild a loss from `serialize`'s output or a name.

    Example:
        >>> deserialize("mse") is mean_squared_error
        True
    """
    return deserialize_object(config, ALL_OBJECTS_DICT, "loss", custom_objects=custom_objects)


def get(identifier):
    """Resolve a loss: a name (`"mse"`, `"MeanSquaredError"`), a config dict, a callable or None.

    Classes are instantiated with their defaults; names of functions give the function.

    Example:
        >>> get("categorical_crossentropy") is categorical_crossentropy
        True
    """
    return get_callable(
        identifier, ALL_OBJECTS_DICT, deserialize, "loss",
        "'mse', 'categorical_crossentropy', 'sparse_categorical_crossentropy', a "
        "cornu.losses.Loss instance")
