"""DenseNet121 (Huang et al., 2016) with Keras layer names and weight layouts."""
from cornu import config
from cornu.applications import imagenet_utils
from cornu.layers.activations.activation import Activation
from cornu.layers.convolutional.conv import Conv2D
from cornu.layers.core.dense import Dense
from cornu.layers.merging.merges import Concatenate
from cornu.layers.normalization.batch_normalization import BatchNormalization
from cornu.layers.pooling.global_pooling import GlobalAveragePooling2D, GlobalMaxPooling2D
from cornu.layers.pooling.pooling import AveragePooling2D, MaxPooling2D
from cornu.layers.reshaping.zero_padding import ZeroPadding2D

WEIGHTS_ORIGIN = "https://storage.googleapis.com/tensorflow/keras-applications/densenet/"
WEIGHTS_HASHES = {
    "densenet121": ("9d60b8095a5708f2dcce2bca79d332c7", "30ee3e1110167f948a6b9946edeeb738"),
}
_EPSILON = 1.001e-5
_GROWTH_RATE = 32


def _bn_axis():
    return 3 if config.image_data_format() == "channels_last" else 1


def _conv_block(x, growth_rate, name):
    """BN-ReLU-1x1 conv (4k) - BN-ReLU-3x3 conv (k), concatenated onto the input."""
    y = BatchNormalization(axis=_bn_axis(), epsilon=_EPSILON, name=name + "_0_bn")(x)
    y = Activation("relu", name=name + "_0_relu")(y)
    y = Conv2D(4 * growth_rate, 1, use_bias=False, name=name + "_1_conv")(y)
    y = BatchNormalization(axis=_bn_axis(), epsilon=_EPSILON, name=name + "_1_bn")(y)
    y = Activation("relu", name=name + "_1_relu")(y)
    y = Conv2D(growth_rate, 3, padding="same", use_bias=False, name=name + "_2_conv")(y)
    return Concatenate(axis=_bn_axis(), name=name + "_concat")([x, y])


def _dense_block(x, blocks, name):
    for index in range(blocks):
        x = _conv_block(x, _GROWTH_RATE, name=f"{name}_block{index + 1}")
    return x


def _transition_block(x, reduction, name):
    x = BatchNormalization(axis=_bn_axis(), epsilon=_EPSILON, name=name + "_bn")(x)
    x = Activation("relu", name=name + "_relu")(x)
    x = Conv2D(int(x.shape[_bn_axis()] * reduction), 1, use_bias=False, name=name + "_conv")(x)
    return AveragePooling2D(2, strides=2, name=name + "_pool")(x)


def _densenet(blocks, model_name, include_top, weights, input_tensor, input_shape, pooling,
              classes, classifier_activation, name):
    from cornu.models.functional import Functional

    imagenet_utils.check_weights_argument(weights, include_top, classes, model_name)
    if include_top:
        imagenet_utils.validate_activation(classifier_activation, weights)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=224, min_size=32, data_format=config.image_data_format(),
        require_flatten=include_top, weights=weights)
    img_input, model_input = imagenet_utils.model_inputs(input_tensor, input_shape)

    x = ZeroPadding2D(padding=((3, 3), (3, 3)))(img_input)
    x = Conv2D(64, 7, strides=2, use_bias=False, name="conv1_conv")(x)
    x = BatchNormalization(axis=_bn_axis(), epsilon=_EPSILON, name="conv1_bn")(x)
    x = Activation("relu", name="conv1_relu")(x)
    x = ZeroPadding2D(padding=((1, 1), (1, 1)))(x)
    x = MaxPooling2D(3, strides=2, name="pool1")(x)
    for stage, count in enumerate(blocks):
        x = _dense_block(x, count, name=f"conv{stage + 2}")
        if stage < len(blocks) - 1:
            x = _transition_block(x, 0.5, name=f"pool{stage + 2}")
    x = BatchNormalization(axis=_bn_axis(), epsilon=_EPSILON, name="bn")(x)
    x = Activation("relu", name="relu")(x)

    if include_top:
        x = GlobalAveragePooling2D(name="avg_pool")(x)
        x = Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = GlobalAveragePooling2D(name="avg_pool")(x)
    elif pooling == "max":
        x = GlobalMaxPooling2D(name="max_pool")(x)

    model = Functional(model_input, x, name=name)
    top_hash, notop_hash = WEIGHTS_HASHES[model_name]
    suffix = "" if include_top else "_notop"
    origin = WEIGHTS_ORIGIN + f"{model_name}_weights_tf_dim_ordering_tf_kernels{suffix}.h5"
    imagenet_utils.load_model_weights(model, weights, origin,
                                      top_hash if include_top else notop_hash, model_name)
    return model


def DenseNet121(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax",
                name="densenet121"):
    """DenseNet121: dense blocks of (6, 12, 24, 16) conv blocks, growth rate 32.

    Args: as `cornu.applications.ResNet50`.
    Returns: a Functional model (8,062,504 parameters with the top).
    Example: `DenseNet121(weights=None, include_top=False, input_shape=(32, 32, 3))`.
    """
    return _densenet((6, 12, 24, 16), "densenet121", include_top, weights, input_tensor,
                     input_shape, pooling, classes, classifier_activation, name)


def preprocess_input(x, data_format=None):
    """Torch-style preprocessing (scale to [0, 1], ImageNet mean/std per channel)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="torch")


def decode_predictions(preds, top=5):
    """`(class_id, class_name, score)` tuples for the top ImageNet classes of each sample."""
    return imagenet_utils.decode_predictions(preds, top=top)
