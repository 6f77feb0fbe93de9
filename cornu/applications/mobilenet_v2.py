"""MobileNetV2 (Sandler et al., 2018) with Keras layer names and weight layouts."""
import warnings

from cornu import config
from cornu.applications import imagenet_utils
from cornu.layers.activations.relu import ReLU
from cornu.layers.convolutional.conv import Conv2D
from cornu.layers.convolutional.depthwise_conv import DepthwiseConv2D
from cornu.layers.core.dense import Dense
from cornu.layers.merging.merges import Add
from cornu.layers.normalization.batch_normalization import BatchNormalization
from cornu.layers.pooling.global_pooling import GlobalAveragePooling2D, GlobalMaxPooling2D
from cornu.layers.reshaping.zero_padding import ZeroPadding2D

WEIGHTS_ORIGIN = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/"
_IMAGENET_ALPHAS = (0.35, 0.50, 0.75, 1.0, 1.3, 1.4)
_IMAGENET_SIZES = (96, 128, 160, 192, 224)
# (expansion, output filters, stride) of blocks 1..16; block 0 is (1, 16, 1).
_BLOCKS = ((6, 24, 2), (6, 24, 1), (6, 32, 2), (6, 32, 1), (6, 32, 1), (6, 64, 2), (6, 64, 1),
           (6, 64, 1), (6, 64, 1), (6, 96, 1), (6, 96, 1), (6, 96, 1), (6, 160, 2),
           (6, 160, 1), (6, 160, 1), (6, 320, 1))


def make_divisible(value, divisor, min_value=None):
    """Round `value` to a multiple of `divisor`, never going below 90% of it."""
    min_value = min_value or divisor
    rounded = max(min_value, int(value + divisor / 2) // divisor * divisor)
    if rounded < 0.9 * value:
        rounded += divisor
    return rounded


def _batch_norm(name):
    axis = 1 if config.image_data_format() == "channels_first" else -1
    return BatchNormalization(axis=axis, epsilon=1e-3, momentum=0.999, name=name)


def _inverted_residual(inputs, expansion, stride, alpha, filters, block_id):
    channel_axis = 1 if config.image_data_format() == "channels_first" else -1
    in_channels = inputs.shape[channel_axis]
    pointwise_filters = make_divisible(int(filters * alpha), 8)
    x = inputs
    if block_id:
        prefix = f"block_{block_id}_"
        x = Conv2D(expansion * in_channels, kernel_size=1, padding="same", use_bias=False,
                   activation=None, name=prefix + "expand")(x)
        x = _batch_norm(prefix + "expand_BN")(x)
        x = ReLU(6.0, name=prefix + "expand_relu")(x)
    else:
        prefix = "expanded_conv_"
    if stride == 2:
        x = ZeroPadding2D(padding=imagenet_utils.correct_pad(x, 3), name=prefix + "pad")(x)
    x = DepthwiseConv2D(kernel_size=3, strides=stride, activation=None, use_bias=False,
                        padding="same" if stride == 1 else "valid",
                        name=prefix + "depthwise")(x)
    x = _batch_norm(prefix + "depthwise_BN")(x)
    x = ReLU(6.0, name=prefix + "depthwise_relu")(x)
    x = Conv2D(pointwise_filters, kernel_size=1, padding="same", use_bias=False,
               activation=None, name=prefix + "project")(x)
    x = _batch_norm(prefix + "project_BN")(x)
    if in_channels == pointwise_filters and stride == 1:
        return Add(name=prefix + "add")([inputs, x])
    return x


def MobileNetV2(input_shape=None, alpha=1.0, include_top=True, weights="imagenet",
                input_tensor=None, pooling=None, classes=1000,
                classifier_activation="softmax", name=None):
    """MobileNetV2: inverted residual blocks with linear bottlenecks.

    Args:
        input_shape: `(h, w, 3)`; ImageNet weights exist for h = w in 96/128/160/192/224.
        alpha: width multiplier (ImageNet weights: 0.35, 0.5, 0.75, 1.0, 1.3, 1.4).
        include_top, weights, input_tensor, pooling, classes, classifier_activation: as
            `cornu.applications.ResNet50`.
        name: model name (default `mobilenetv2_{alpha:0.2f}_{rows}`).
    Returns:
        A Functional model (3,538,984 parameters for alpha=1.0 with the top).
    Example: `MobileNetV2(weights=None, include_top=False, input_shape=(32, 32, 3))`.
    """
    imagenet_utils.check_weights_argument(weights, include_top, classes, "MobileNetV2")
    if include_top:
        imagenet_utils.validate_activation(classifier_activation, weights)
    data_format = config.image_data_format()
    rows = _default_rows(input_shape, input_tensor, data_format, weights)
    if weights == "imagenet":
        if alpha not in _IMAGENET_ALPHAS:
            raise ValueError(
                f"MobileNetV2: with weights='imagenet', `alpha` must be one of "
                f"{_IMAGENET_ALPHAS}, received alpha={alpha}.")
        if rows not in _IMAGENET_SIZES:
            warnings.warn(f"MobileNetV2: input size {rows} has no ImageNet weights; the "
                          "weights for 224 are loaded.", stacklevel=2)
            rows = 224
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=rows if rows in _IMAGENET_SIZES else 224, min_size=32,
        data_format=data_format, require_flatten=include_top, weights=weights)
    img_input, model_input = imagenet_utils.model_inputs(input_tensor, input_shape)

    x = Conv2D(make_divisible(32 * alpha, 8), kernel_size=3, strides=(2, 2), padding="same",
               use_bias=False, name="Conv1")(img_input)
    x = _batch_norm("bn_Conv1")(x)
    x = ReLU(6.0, name="Conv1_relu")(x)
    x = _inverted_residual(x, expansion=1, stride=1, alpha=alpha, filters=16, block_id=0)
    for block_id, (expansion, filters, stride) in enumerate(_BLOCKS, start=1):
        x = _inverted_residual(x, expansion=expansion, stride=stride, alpha=alpha,
                               filters=filters, block_id=block_id)
    last_filters = make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280
    x = Conv2D(last_filters, kernel_size=1, use_bias=False, name="Conv_1")(x)
    x = _batch_norm("Conv_1_bn")(x)
    x = ReLU(6.0, name="out_relu")(x)

    if include_top:
        x = GlobalAveragePooling2D()(x)
        x = Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = GlobalMaxPooling2D()(x)

    from cornu.models.functional import Functional

    model = Functional(model_input, x, name=name or f"mobilenetv2_{alpha:0.2f}_{rows}")
    suffix = f"{float(alpha)}_{rows}" + ("" if include_top else "_no_top")
    origin = WEIGHTS_ORIGIN + f"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{suffix}.h5"
    imagenet_utils.load_model_weights(model, weights, origin,
                                      None, "MobileNetV2")
    return model


def _default_rows(input_shape, input_tensor, data_format, weights):
    shape = input_shape
    if shape is None and input_tensor is not None:
        shape = tuple(input_tensor.shape)[1:]
    if shape is None or len(shape) != 3:
        return 224
    rows, cols = (shape[1], shape[2]) if data_format == "channels_first" else shape[:2]
    if rows is None or rows != cols:
        if weights == "imagenet" and rows is not None and cols is not None:
            warnings.warn(f"MobileNetV2: the input is not square ({rows}x{cols}); the "
                          "ImageNet weights for 224x224 are loaded.", stacklevel=3)
        return 224
    return rows


def preprocess_input(x, data_format=None):
    """Scale pixels from [0, 255] to [-1, 1] ("tf" mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    """`(class_id, class_name, score)` tuples for the top ImageNet classes of each sample."""
    return imagenet_utils.decode_predictions(preds, top=top)
