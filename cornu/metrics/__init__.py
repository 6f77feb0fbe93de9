"""`cornu.metrics`: metric classes, metric functions and `get`/`serialize`/`deserialize`."""
from cornu.backend.common.naming import to_snake_case
from cornu.losses.crossentropy import (
    binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
    categorical_focal_crossentropy, sparse_categorical_crossentropy)
from cornu.losses.hinge import categorical_hinge, hinge, squared_hinge
from cornu.losses.probabilistic import kl_divergence, poisson
from cornu.losses.regression import (
    huber, log_cosh, mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
    mean_squared_logarithmic_error)
from cornu.losses.serialization import deserialize_object, get_callable, serialize_object
from cornu.metrics.accuracy_metrics import (
    Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
    SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy, accuracy, binary_accuracy,
    categorical_accuracy, sparse_categorical_accuracy, sparse_top_k_categorical_accuracy,
    top_k_categorical_accuracy)
from cornu.metrics.auc import AUC
from cornu.metrics.confusion_metrics import (
    FalseNegatives, FalsePositives, Precision, PrecisionAtRecall, Recall, RecallAtPrecision,
    SensitivityAtSpecificity, SpecificityAtSensitivity, TrueNegatives, TruePositives)
from cornu.metrics.f_score_metrics import F1Score, FBetaScore
from cornu.metrics.hinge_metrics import CategoricalHinge, Hinge, SquaredHinge
from cornu.metrics.iou_metrics import BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU
from cornu.metrics.metric import Metric
from cornu.metrics.probabilistic_metrics import (
    BinaryCrossentropy, CategoricalCrossentropy, KLDivergence, Poisson,
    SparseCategoricalCrossentropy)
from cornu.metrics.reduction_metrics import Mean, MeanMetricWrapper, Sum
from cornu.metrics.regression_metrics import (
    CosineSimilarity, LogCoshError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredError, MeanSquaredLogarithmicError, R2Score, RootMeanSquaredError)

# Keras-2 style short names of the metric functions.
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kl_divergence
logcosh = log_cosh

ALL_OBJECTS = (
    Metric, Mean, Sum, MeanMetricWrapper,
    MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredLogarithmicError, CosineSimilarity, LogCoshError, R2Score,
    AUC, FalseNegatives, FalsePositives, TrueNegatives, TruePositives, Precision, Recall,
    PrecisionAtRecall, RecallAtPrecision, SensitivityAtSpecificity, SpecificityAtSensitivity,
    F1Score, FBetaScore,
    Hinge, SquaredHinge, CategoricalHinge,
    IoU, BinaryIoU, MeanIoU, OneHotIoU, OneHotMeanIoU,
    KLDivergence, Poisson, BinaryCrossentropy, CategoricalCrossentropy,
    SparseCategoricalCrossentropy,
    Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
    TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy,
)

ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({to_snake_case(cls.__name__): cls for cls in ALL_OBJECTS})
ALL_OBJECTS_DICT.update({
    "bce": BinaryCrossentropy, "BCE": BinaryCrossentropy,
    "mse": MeanSquaredError, "MSE": MeanSquaredError,
    "mae": MeanAbsoluteError, "MAE": MeanAbsoluteError,
    "mape": MeanAbsolutePercentageError, "MAPE": MeanAbsolutePercentageError,
    "msle": MeanSquaredLogarithmicError, "MSLE": MeanSquaredLogarithmicError,
    "rmse": RootMeanSquaredError, "kld": KLDivergence, "KLD": KLDivergence,
    "logcosh": LogCoshError, "log_cosh": LogCoshError, "log_cosh_error": LogCoshError,
    "f1_score": F1Score, "fbeta_score": FBetaScore, "auc": AUC, "r2_score": R2Score,
    "mean_io_u": MeanIoU, "mean_iou": MeanIoU, "io_u": IoU, "iou": IoU,
    "binary_io_u": BinaryIoU, "binary_iou": BinaryIoU,
    "one_hot_io_u": OneHotIoU, "one_hot_iou": OneHotIoU,
    "one_hot_mean_io_u": OneHotMeanIoU, "one_hot_mean_iou": OneHotMeanIoU,
    "huber": huber, "binary_focal_crossentropy": binary_focal_crossentropy,
    "categorical_focal_crossentropy": categorical_focal_crossentropy,
})


def serialize(metric):
    """Config dict of a metric object or function.

    Example:
        >>> serialize(Mean())["class_name"]
        'Mean'
    """
    return serialize_object(metric, "cornu.metrics")


def deserialize(config, custom_objects=None):
    """Rebuild a metric from `serialize`'s output or a name."""
    return deserialize_object(config, ALL_OBJECTS_DICT, "metric", custom_objects=custom_objects)


def get(identifier):
    """Resolve a metric: a name (`"mae"`, `"AUC"`, `"binary_accuracy"`), a dict, a callable.

    Names of metric classes give a new instance with default arguments.

    Example:
        >>> get("mae").name
        'mean_absolute_error'
    """
    return get_callable(
        identifier, ALL_OBJECTS_DICT, deserialize, "metric",
        "'accuracy', 'mae', 'auc', a cornu.metrics.Metric instance")
