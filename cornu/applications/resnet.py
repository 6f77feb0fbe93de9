"""ResNet50 / ResNet101 / ResNet152 (v1, Keras layer names and weight layouts)."""
from cornu import config
from cornu.applications import imagenet_utils
from cornu.layers.activations.activation import Activation
from cornu.layers.convolutional.conv import Conv2D
from cornu.layers.core.dense import Dense
from cornu.layers.merging.merges import Add
from cornu.layers.normalization.batch_normalization import BatchNormalization
from cornu.layers.pooling.global_pooling import GlobalAveragePooling2D, GlobalMaxPooling2D
from cornu.layers.pooling.pooling import MaxPooling2D
from cornu.layers.reshaping.zero_padding import ZeroPadding2D

WEIGHTS_ORIGIN = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/"
# (include_top file hash, notop file hash), md5 as published with the Keras weight files.
WEIGHTS_HASHES = {
    "resnet50": ("2cb95161c43110f7111970584f804107", "4d473c1dd8becc155b73f8504c6f6626"),
    "resnet101": ("f1aeb4b969a6efcfb50fad2f0c20cfc5", "88cf7a10940856eca736dc7b7e228a21"),
    "resnet152": ("100835be76be38e30d865e96f2aaae62", "ee4c566cf9a93f14d82f913c2dc6dd0c"),
}
_BN_EPSILON = 1.001e-5


def _bottleneck_block(x, filters, stride=1, conv_shortcut=True, name=None):
    """One residual bottleneck: 1x1 -> 3x3 -> 1x1 (x4 filters), plus the shortcut."""
    bn_axis = 3 if config.image_data_format() == "channels_last" else 1
    if conv_shortcut:
        shortcut = Conv2D(4 * filters, 1, strides=stride, name=name + "_0_conv")(x)
        shortcut = BatchNormalization(axis=bn_axis, epsilon=_BN_EPSILON,
                                      name=name + "_0_bn")(shortcut)
    else:
        shortcut = x
    x = Conv2D(filters, 1, strides=stride, name=name + "_1_conv")(x)
    x = BatchNormalization(axis=bn_axis, epsilon=_BN_EPSILON, name=name + "_1_bn")(x)
    x = Activation("relu", name=name + "_1_relu")(x)
    x = Conv2D(filters, 3, padding="same", name=name + "_2_conv")(x)
    x = BatchNormalization(axis=bn_axis, epsilon=_BN_EPSILON, name=name + "_2_bn")(x)
    x = Activation("relu", name=name + "_2_relu")(x)
    x = Conv2D(4 * filters, 1, name=name + "_3_conv")(x)
    x = BatchNormalization(axis=bn_axis, epsilon=_BN_EPSILON, name=name + "_3_bn")(x)
    x = Add(name=name + "_add")([shortcut, x])
    return Activation("relu", name=name + "_out")(x)


def _stack(x, filters, blocks, first_stride=2, name=None):
    x = _bottleneck_block(x, filters, stride=first_stride, name=name + "_block1")
    for index in range(2, blocks + 1):
        x = _bottleneck_block(x, filters, conv_shortcut=False, name=f"{name}_block{index}")
    return x


def _resnet(stage_blocks, model_name, include_top, weights, input_tensor, input_shape, pooling,
            classes, classifier_activation, name=None):
    from cornu.models.functional import Functional

    imagenet_utils.check_weights_argument(weights, include_top, classes, model_name)
    if include_top:
        imagenet_utils.validate_activation(classifier_activation, weights)
    data_format = config.image_data_format()
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=224, min_size=32, data_format=data_format,
        require_flatten=include_top, weights=weights)
    img_input, model_input = imagenet_utils.model_inputs(input_tensor, input_shape)
    bn_axis = 3 if data_format == "channels_last" else 1

    x = ZeroPadding2D(padding=((3, 3), (3, 3)), name="conv1_pad")(img_input)
    x = Conv2D(64, 7, strides=2, use_bias=True, name="conv1_conv")(x)
    x = BatchNormalization(axis=bn_axis, epsilon=_BN_EPSILON, name="conv1_bn")(x)
    x = Activation("relu", name="conv1_relu")(x)
    x = ZeroPadding2D(padding=((1, 1), (1, 1)), name="pool1_pad")(x)
    x = MaxPooling2D(3, strides=2, name="pool1_pool")(x)
    for stage, (filters, blocks) in enumerate(zip((64, 128, 256, 512), stage_blocks)):
        x = _stack(x, filters, blocks, first_stride=1 if stage == 0 else 2,
                   name=f"conv{stage + 2}")

    if include_top:
        x = GlobalAveragePooling2D(name="avg_pool")(x)
        x = Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = GlobalAveragePooling2D(name="avg_pool")(x)
    elif pooling == "max":
        x = GlobalMaxPooling2D(name="max_pool")(x)

    model = Functional(model_input, x, name=name or model_name)
    top_hash, notop_hash = WEIGHTS_HASHES[model_name]
    suffix = "" if include_top else "_notop"
    origin = WEIGHTS_ORIGIN + f"{model_name}_weights_tf_dim_ordering_tf_kernels{suffix}.h5"
    imagenet_utils.load_model_weights(model, weights, origin,
                                      top_hash if include_top else notop_hash, model_name)
    return model


_ARGS_DOC = """
    Args:
        include_top: add the global-average-pool + `Dense(classes)` classifier.
        weights: None (random), "imagenet" (download the Keras weight file, cached and
            checksummed; a clear error offline), or the path of a weights file.
        input_tensor: optional tensor (e.g. `cornu.Input(...)`) to use as the model input.
        input_shape: `(h, w, 3)` (channels_last); free h/w allowed when include_top=False.
        pooling: with include_top=False, None (4D output), "avg" or "max" (2D output).
        classes: number of classes of the classifier.
        classifier_activation: activation of the "predictions" layer.
        name: model name.
    Returns:
        A Functional model.
    Example: `ResNet50(weights=None, include_top=False, input_shape=(64, 64, 3))`.
"""


def ResNet50(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
             pooling=None, classes=1000, classifier_activation="softmax", name="resnet50"):
    return _resnet((3, 4, 6, 3), "resnet50", include_top, weights, input_tensor, input_shape,
                   pooling, classes, classifier_activation, name)


def ResNet101(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
              pooling=None, classes=1000, classifier_activation="softmax", name="resnet101"):
    return _resnet((3, 4, 23, 3), "resnet101", include_top, weights, input_tensor,
                   input_shape, pooling, classes, classifier_activation, name)


def ResNet152(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
              pooling=None, classes=1000, classifier_activation="softmax", name="resnet152"):
    return _resnet((3, 8, 36, 3), "resnet152", include_top, weights, input_tensor,
                   input_shape, pooling, classes, classifier_activation, name)


ResNet50.__doc__ = "ResNet50 (He et al., 2015), 50 layers." + _ARGS_DOC
ResNet101.__doc__ = "ResNet101 (He et al., 2015), 101 layers." + _ARGS_DOC
ResNet152.__doc__ = "ResNet152 (He et al., 2015), 152 layers." + _ARGS_DOC


def preprocess_input(x, data_format=None):
    """Caffe-style preprocessing (RGB->BGR, minus ImageNet means); see `imagenet_utils`."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


def decode_predictions(preds, top=5):
    """`(class_id, class_name, score)` tuples for the top ImageNet classes of each sample."""
    return imagenet_utils.decode_predictions(preds, top=top)
