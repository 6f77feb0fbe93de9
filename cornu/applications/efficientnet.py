"""EfficientNetB0 (Tan & Le, 2019) with Keras layer names and weight layouts.

The model normalizes its own inputs (Rescaling + Normalization layers inside), so
`preprocess_input` is the identity and images are fed in [0, 255].
"""
import copy
import math

from cornu import config
from cornu.applications import imagenet_utils
from cornu.layers.activations.activation import Activation
from cornu.layers.convolutional.conv import Conv2D
from cornu.layers.convolutional.depthwise_conv import DepthwiseConv2D
from cornu.layers.core.dense import Dense
from cornu.layers.merging.merges import Add, Multiply
from cornu.layers.normalization.batch_normalization import BatchNormalization
from cornu.layers.pooling.global_pooling import GlobalAveragePooling2D, GlobalMaxPooling2D
from cornu.layers.preprocessing.normalization import Normalization
from cornu.layers.preprocessing.rescaling import Rescaling
from cornu.layers.regularization.dropout import Dropout
from cornu.layers.reshaping.reshape import Reshape
from cornu.layers.reshaping.zero_padding import ZeroPadding2D

WEIGHTS_ORIGIN = "https://storage.googleapis.com/keras-applications/"
WEIGHTS_HASHES = {
    "b0": ("902e53a9f72be733fc0bcb005b3ebbac", "50bc09e76180e00e4465e1a485ddc09d"),
}
IMAGENET_STDDEV_RGB = (0.229, 0.224, 0.225)
CONV_KERNEL_INITIALIZER = {
    "class_name": "VarianceScaling",
    "config": {"scale": 2.0, "mode": "fan_out", "distribution": "truncated_normal"},
}
DENSE_KERNEL_INITIALIZER = {
    "class_name": "VarianceScaling",
    "config": {"scale": 1.0 / 3.0, "mode": "fan_out", "distribution": "uniform"},
}
DEFAULT_BLOCKS_ARGS = (
    dict(kernel_size=3, repeats=1, filters_in=32, filters_out=16, expand_ratio=1, id_skip=True,
         strides=1, se_ratio=0.25),
    dict(kernel_size=3, repeats=2, filters_in=16, filters_out=24, expand_ratio=6, id_skip=True,
         strides=2, se_ratio=0.25),
    dict(kernel_size=5, repeats=2, filters_in=24, filters_out=40, expand_ratio=6, id_skip=True,
         strides=2, se_ratio=0.25),
    dict(kernel_size=3, repeats=3, filters_in=40, filters_out=80, expand_ratio=6, id_skip=True,
         strides=2, se_ratio=0.25),
    dict(kernel_size=5, repeats=3, filters_in=80, filters_out=112, expand_ratio=6,
         id_skip=True, strides=1, se_ratio=0.25),
    dict(kernel_size=5, repeats=4, filters_in=112, filters_out=192, expand_ratio=6,
         id_skip=True, strides=2, se_ratio=0.25),
    dict(kernel_size=3, repeats=1, filters_in=192, filters_out=320, expand_ratio=6,
         id_skip=True, strides=1, se_ratio=0.25),
)


def _bn_axis():
    return 3 if config.image_data_format() == "channels_last" else 1


def _mb_conv_block(inputs, activation, drop_rate, name, filters_in, filters_out, kernel_size,
                   strides, expand_ratio, se_ratio, id_skip):
    """Mobile inverted bottleneck with squeeze-and-excitation."""
    filters = filters_in * expand_ratio
    x = inputs
    if expand_ratio != 1:
        x = Conv2D(filters, 1, padding="same", use_bias=False,
                   kernel_initializer=CONV_KERNEL_INITIALIZER, name=name + "expand_conv")(x)
        x = BatchNormalization(axis=_bn_axis(), name=name + "expand_bn")(x)
        x = Activation(activation, name=name + "expand_activation")(x)
    if strides == 2:
        x = ZeroPadding2D(padding=imagenet_utils.correct_pad(x, kernel_size),
                          name=name + "dwconv_pad")(x)
    x = DepthwiseConv2D(kernel_size, strides=strides,
                        padding="valid" if strides == 2 else "same", use_bias=False,
                        depthwise_initializer=CONV_KERNEL_INITIALIZER, name=name + "dwconv")(x)
    x = BatchNormalization(axis=_bn_axis(), name=name + "bn")(x)
    x = Activation(activation, name=name + "activation")(x)
    if 0 < se_ratio <= 1:
        squeezed_filters = max(1, int(filters_in * se_ratio))
        se = GlobalAveragePooling2D(name=name + "se_squeeze")(x)
        se_shape = (filters, 1, 1) if _bn_axis() == 1 else (1, 1, filters)
        se = Reshape(se_shape, name=name + "se_reshape")(se)
        se = Conv2D(squeezed_filters, 1, padding="same", activation=activation,
                    kernel_initializer=CONV_KERNEL_INITIALIZER, name=name + "se_reduce")(se)
        se = Conv2D(filters, 1, padding="same", activation="sigmoid",
                    kernel_initializer=CONV_KERNEL_INITIALIZER, name=name + "se_expand")(se)
        x = Multiply(name=name + "se_excite")([x, se])
    x = Conv2D(filters_out, 1, padding="same", use_bias=False,
               kernel_initializer=CONV_KERNEL_INITIALIZER, name=name + "project_conv")(x)
    x = BatchNormalization(axis=_bn_axis(), name=name + "project_bn")(x)
    if id_skip and strides == 1 and filters_in == filters_out:
        if drop_rate > 0:
            x = Dropout(drop_rate, noise_shape=(None, 1, 1, 1), name=name + "drop")(x)
        x = Add(name=name + "add")([x, inputs])
    return x


def _efficientnet(width_coefficient, depth_coefficient, default_size, dropout_rate,
                  model_name, weights_key, include_top, weights, input_tensor, input_shape,
                  pooling, classes, classifier_activation, name, drop_connect_rate=0.2,
                  depth_divisor=8, activation="swish"):
    from cornu.models.functional import Functional

    imagenet_utils.check_weights_argument(weights, include_top, classes, model_name)
    if include_top:
        imagenet_utils.validate_activation(classifier_activation, weights)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=default_size, min_size=32,
        data_format=config.image_data_format(), require_flatten=include_top, weights=weights)
    img_input, model_input = imagenet_utils.model_inputs(input_tensor, input_shape)

    def round_filters(filters):
        filters *= width_coefficient
        rounded = max(depth_divisor,
                      int(filters + depth_divisor / 2) // depth_divisor * depth_divisor)
        if rounded < 0.9 * filters:
            rounded += depth_divisor
        return int(rounded)

    def round_repeats(repeats):
        return int(math.ceil(depth_coefficient * repeats))

    x = Rescaling(1.0 / 255.0)(img_input)
    x = Normalization(axis=_bn_axis())(x)
    if weights == "imagenet":
        # The published weights expect the variance, not the std, in Normalization.
        x = Rescaling([1.0 / math.sqrt(std) for std in IMAGENET_STDDEV_RGB])(x)
    x = ZeroPadding2D(padding=imagenet_utils.correct_pad(x, 3), name="stem_conv_pad")(x)
    x = Conv2D(round_filters(32), 3, strides=2, padding="valid", use_bias=False,
               kernel_initializer=CONV_KERNEL_INITIALIZER, name="stem_conv")(x)
    x = BatchNormalization(axis=_bn_axis(), name="stem_bn")(x)
    x = Activation(activation, name="stem_activation")(x)

    blocks_args = copy.deepcopy(DEFAULT_BLOCKS_ARGS)
    total_blocks = float(sum(round_repeats(args["repeats"]) for args in blocks_args))
    block_index = 0
    for stage, args in enumerate(blocks_args):
        args["filters_in"] = round_filters(args["filters_in"])
        args["filters_out"] = round_filters(args["filters_out"])
        for repeat in range(round_repeats(args.pop("repeats"))):
            if repeat > 0:
                args["strides"] = 1
                args["filters_in"] = args["filters_out"]
            x = _mb_conv_block(x, activation, drop_connect_rate * block_index / total_blocks,
                               name=f"block{stage + 1}{chr(repeat + 97)}_", **args)
            block_index += 1

    x = Conv2D(round_filters(1280), 1, padding="same", use_bias=False,
               kernel_initializer=CONV_KERNEL_INITIALIZER, name="top_conv")(x)
    x = BatchNormalization(axis=_bn_axis(), name="top_bn")(x)
    x = Activation(activation, name="top_activation")(x)
    if include_top:
        x = GlobalAveragePooling2D(name="avg_pool")(x)
        if dropout_rate > 0:
            x = Dropout(dropout_rate, name="top_dropout")(x)
        x = Dense(classes, activation=classifier_activation,
                  kernel_initializer=DENSE_KERNEL_INITIALIZER, name="predictions")(x)
    elif pooling == "avg":
        x = GlobalAveragePooling2D(name="avg_pool")(x)
    elif pooling == "max":
        x = GlobalMaxPooling2D(name="max_pool")(x)

    model = Functional(model_input, x, name=name)
    top_hash, notop_hash = WEIGHTS_HASHES[weights_key]
    suffix = "" if include_top else "_notop"
    imagenet_utils.load_model_weights(
        model, weights, f"{WEIGHTS_ORIGIN}efficientnet{weights_key}{suffix}.h5",
        top_hash if include_top else notop_hash, model_name)
    return model


def EfficientNetB0(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                   pooling=None, classes=1000, classifier_activation="softmax",
                   name="efficientnetb0"):
    """EfficientNetB0 (width 1.0, depth 1.0, 224x224, dropout 0.2).

    Args: as `cornu.applications.ResNet50`; inputs are raw pixels in [0, 255].
    Returns: a Functional model (5,330,571 parameters with the top).
    Example: `EfficientNetB0(weights=None, include_top=False, input_shape=(32, 32, 3))`.
    """
    return _efficientnet(1.0, 1.0, 224, 0.2, "EfficientNetB0", "b0", include_top, weights,
                         input_tensor, input_shape, pooling, classes, classifier_activation,
                         name)


def preprocess_input(x, data_format=None):
    """Identity: EfficientNet models rescale and normalize their inputs themselves."""
    return x


def decode_predictions(preds, top=5):
    """`(class_id, class_name, score)` tuples for the top ImageNet classes of each sample."""
    return imagenet_utils.decode_predictions(preds, top=top)
