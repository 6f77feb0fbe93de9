"""VGG16 and VGG19 (Simonyan & Zisserman, 2014) with Keras layer names and weight layouts."""
from cornu import config
from cornu.applications import imagenet_utils
from cornu.layers.convolutional.conv import Conv2D
from cornu.layers.core.dense import Dense
from cornu.layers.pooling.global_pooling import GlobalAveragePooling2D, GlobalMaxPooling2D
from cornu.layers.pooling.pooling import MaxPooling2D
from cornu.layers.reshaping.flatten import Flatten

WEIGHTS_ORIGIN = "https://storage.googleapis.com/tensorflow/keras-applications/"
WEIGHTS_HASHES = {
    "vgg16": ("64373286793e3c8b2b4e3219cbf3544b", "6d6bbae143d832006294945121d1f1fc"),
    "vgg19": ("cbe5617147190e668d6c5d5026f83318", "253f8cb515780f3b799900260a226db6"),
}
_BLOCK_FILTERS = (64, 128, 256, 512, 512)


def _vgg(convs_per_block, model_name, include_top, weights, input_tensor, input_shape,
         pooling, classes, classifier_activation, name):
    from cornu.models.functional import Functional

    imagenet_utils.check_weights_argument(weights, include_top, classes, model_name)
    if include_top:
        imagenet_utils.validate_activation(classifier_activation, weights)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=224, min_size=32, data_format=config.image_data_format(),
        require_flatten=include_top, weights=weights)
    img_input, model_input = imagenet_utils.model_inputs(input_tensor, input_shape)
    x = img_input
    for block, (filters, convs) in enumerate(zip(_BLOCK_FILTERS, convs_per_block), start=1):
        for conv in range(1, convs + 1):
            x = Conv2D(filters, (3, 3), activation="relu", padding="same",
                       name=f"block{block}_conv{conv}")(x)
        x = MaxPooling2D((2, 2), strides=(2, 2), name=f"block{block}_pool")(x)

    if include_top:
        x = Flatten(name="flatten")(x)
        x = Dense(4096, activation="relu", name="fc1")(x)
        x = Dense(4096, activation="relu", name="fc2")(x)
        x = Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = GlobalMaxPooling2D()(x)

    model = Functional(model_input, x, name=name)
    top_hash, notop_hash = WEIGHTS_HASHES[model_name]
    suffix = "" if include_top else "_notop"
    origin = (WEIGHTS_ORIGIN +
              f"{model_name}/{model_name}_weights_tf_dim_ordering_tf_kernels{suffix}.h5")
    imagenet_utils.load_model_weights(model, weights, origin,
                                      top_hash if include_top else notop_hash, model_name)
    return model


def VGG16(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
          pooling=None, classes=1000, classifier_activation="softmax", name="vgg16"):
    """VGG16: 13 3x3 convolutions in 5 blocks, then (include_top) 2 x Dense(4096).

    Args: as `cornu.applications.ResNet50` (include_top, weights, input_tensor,
        input_shape, pooling, classes, classifier_activation, name).
    Returns: a Functional model (138,357,544 parameters with the top).
    Example: `VGG16(weights=None, include_top=False, input_shape=(32, 32, 3))`.
    """
    return _vgg((2, 2, 3, 3, 3), "vgg16", include_top, weights, input_tensor, input_shape,
                pooling, classes, classifier_activation, name)


def VGG19(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
          pooling=None, classes=1000, classifier_activation="softmax", name="vgg19"):
    """VGG19: 16 3x3 convolutions in 5 blocks, then (include_top) 2 x Dense(4096).

    Args: as `VGG16`.
    Returns: a Functional model.
    Example: `VGG19(weights=None, include_top=False, pooling="avg")`.
    """
    return _vgg((2, 2, 4, 4, 4), "vgg19", include_top, weights, input_tensor, input_shape,
                pooling, classes, classifier_activation, name)


def preprocess_input(x, data_format=None):
    """Caffe-style preprocessing (RGB->BGR, minus ImageNet means); see `imagenet_utils`."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


def decode_predictions(preds, top=5):
    """`(class_id, class_name, score)` tuples for the top ImageNet classes of each sample."""
    return imagenet_utils.decode_predictions(preds, top=top)
