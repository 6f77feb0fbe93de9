"""Shared pieces of the model zoo: input-shape rules, ImageNet pre/post-processing, weights.

`preprocess_input` modes (as Keras):
- "caffe": RGB -> BGR, then subtract the ImageNet channel means (no scaling).
- "tf": scale pixels from [0, 255] to [-1, 1].
- "torch": scale to [0, 1], subtract the ImageNet mean and divide by its std per channel.
"""
import json

import numpy as np

from cornu import backend, config, ops

CLASS_INDEX_URL = ("https://storage.googleapis.com/download.tensorflow.org/data/"
                   "imagenet_class_index.json")
CLASS_INDEX_HASH = "c2c37ea517e94d9795004a39431a14cb"
_CAFFE_MEAN_BGR = (103.939, 116.779, 123.68)
_TORCH_MEAN = (0.485, 0.456, 0.406)
_TORCH_STD = (0.229, 0.224, 0.225)
_class_index = None


def preprocess_input(x, data_format=None, mode="caffe"):
    """Prepare a batch of RGB images in [0, 255] for an ImageNet model.

    Args:
        x: NumPy array or tensor, 3D or 4D, channels in the `data_format` position.
        data_format: `"channels_last"` (default from config) or `"channels_first"`.
        mode: `"caffe"`, `"tf"` or `"torch"` (see the module docstring).
    Returns:
        Preprocessed float array (NumPy in, NumPy out; tensor in, tensor out).
    Example: `preprocess_input(np.full((1, 224, 224, 3), 255.0), mode="tf")` is all 1.
    """
    if mode not in ("caffe", "tf", "torch"):
        raise ValueError(
            f"preprocess_input: `mode` must be 'caffe', 'tf' or 'torch', received {mode!r}.")
    data_format = config.standardize_data_format(data_format)
    if isinstance(x, np.ndarray) or not (backend.is_tensor(x) or
                                         isinstance(x, backend.KerasTensor)):
        array = np.asarray(x)
        if array.dtype.kind != "f":
            array = array.astype(config.floatx())
        return _preprocess(array, data_format, mode, np)
    if "float" not in backend.standardize_dtype(x.dtype):
        x = ops.cast(x, config.floatx())
    return _preprocess(x, data_format, mode, ops)


def _preprocess(x, data_format, mode, lib):
    ndim = len(x.shape)
    if ndim not in (3, 4):
        raise ValueError(
            f"preprocess_input expects a 3D image or a 4D batch, received shape "
            f"{tuple(x.shape)}.")
    if mode == "tf":
        return lib.subtract(lib.divide(x, 127.5), 1.0)
    channel_axis = ndim - 1 if data_format == "channels_last" else ndim - 3
    if x.shape[channel_axis] != 3:
        raise ValueError(
            f"preprocess_input(mode={mode!r}) expects 3 colour channels on axis "
            f"{channel_axis} ({data_format}), received shape {tuple(x.shape)}.")
    shape = [1] * ndim
    shape[channel_axis] = 3
    if mode == "torch":
        mean = np.reshape(np.asarray(_TORCH_MEAN, "float32"), shape)
        std = np.reshape(np.asarray(_TORCH_STD, "float32"), shape)
        scaled = lib.divide(x, 255.0)
        return lib.divide(lib.subtract(scaled, mean.astype(_dtype_name(x))),
                          std.astype(_dtype_name(x)))
    bgr = lib.flip(x, axis=channel_axis)
    mean = np.reshape(np.asarray(_CAFFE_MEAN_BGR, "float32"), shape).astype(_dtype_name(x))
    return lib.subtract(bgr, mean)


def _dtype_name(x):
    return backend.standardize_dtype(x.dtype)


def decode_predictions(preds, top=5, class_index_path=None):
    """Turn ImageNet class scores into `(class_id, class_name, score)` tuples.

    Args:
        preds: array of shape `(batch, 1000)`.
        top: how many classes to return per sample, best first.
        class_index_path: local copy of `imagenet_class_index.json` (otherwise it is
            downloaded once into the cache).
    Returns:
        A list (one per sample) of lists of `(class_id, class_name, score)`.
    Example: `decode_predictions(model.predict(x), top=3)[0]`.
    """
    preds = np.asarray(ops.convert_to_numpy(preds) if backend.is_tensor(preds) else preds)
    if preds.ndim != 2 or preds.shape[1] != 1000:
        raise ValueError(
            "decode_predictions expects a batch of ImageNet predictions of shape "
            f"(samples, 1000), received shape {preds.shape}.")
    index = _load_class_index(class_index_path)
    results = []
    for row in preds:
        best = np.argsort(row)[::-1][:top]
        results.append([tuple(index[str(i)]) + (float(row[i]),) for i in best])
    return results


def _load_class_index(path=None):
    global _class_index
    if path is None and _class_index is not None:
        return _class_index
    if path is None:
        from cornu.utils.file_utils import get_file

        try:
            path = get_file("imagenet_class_index.json", CLASS_INDEX_URL,
                            cache_subdir="models", file_hash=CLASS_INDEX_HASH)
        except Exception as error:
            raise RuntimeError(
                "decode_predictions needs the ImageNet class index "
                f"({CLASS_INDEX_URL}), which could not be downloaded ({error}). Download "
                "it elsewhere and pass `class_index_path=`, or place it in the cache as "
                "~/.cornu/models/imagenet_class_index.json.") from error
    with open(path, encoding="utf-8") as handle:
        index = json.load(handle)
    if path is not None and _class_index is None:
        _class_index = index
    return index


def correct_pad(inputs, kernel_size):
    """ZeroPadding2D amounts that make a stride-2 'valid' conv behave like TF's 'same'.

    Args:
        inputs: a 4D (symbolic) tensor.
        kernel_size: int or `(rows, cols)`.
    Returns:
        `((top, bottom), (left, right))`.
    """
    image_axis = 2 if config.image_data_format() == "channels_first" else 1
    size = tuple(inputs.shape)[image_axis:image_axis + 2]
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    adjust = (1, 1) if size[0] is None else (1 - size[0] % 2, 1 - size[1] % 2)
    half = (kernel_size[0] // 2, kernel_size[1] // 2)
    return ((half[0] - adjust[0], half[0]), (half[1] - adjust[1], half[1]))


def obtain_input_shape(input_shape, default_size, min_size, data_format, require_flatten,
                       weights=None):
    """The input shape (without batch) a zoo model is built for, checked like Keras.

    Args:
        input_shape: user value or None.
        default_size: the model's native resolution (e.g. 224).
        min_size: smallest accepted height/width.
        data_format: `"channels_last"` or `"channels_first"`.
        require_flatten: the classifier head needs a fixed size (`include_top=True`).
        weights: `"imagenet"`, None, or a path.
    Returns:
        A 3-tuple shape.
    """
    if weights != "imagenet" and input_shape and len(input_shape) == 3:
        channels = input_shape[0] if data_format == "channels_first" else input_shape[-1]
        default_shape = (channels, default_size, default_size) \
            if data_format == "channels_first" else (default_size, default_size, channels)
    else:
        default_shape = (3, default_size, default_size) if data_format == "channels_first" \
            else (default_size, default_size, 3)
    if weights == "imagenet" and require_flatten and input_shape is not None:
        if tuple(input_shape) != default_shape:
            raise ValueError(
                f"When include_top=True and loading 'imagenet' weights, `input_shape` must "
                f"be {default_shape}, received input_shape={tuple(input_shape)}.")
        return default_shape
    if input_shape is None:
        if require_flatten:
            return default_shape
        return (3, None, None) if data_format == "channels_first" else (None, None, 3)
    input_shape = tuple(input_shape)
    if len(input_shape) != 3:
        raise ValueError(
            f"`input_shape` must be a tuple of three integers, received {input_shape}.")
    channels = input_shape[0] if data_format == "channels_first" else input_shape[-1]
    spatial = input_shape[1:] if data_format == "channels_first" else input_shape[:2]
    if weights == "imagenet" and channels != 3:
        raise ValueError(
            f"The input must have 3 channels to load 'imagenet' weights, received "
            f"input_shape={input_shape}.")
    for size in spatial:
        if size is not None and size < min_size:
            raise ValueError(
                f"Input size must be at least {min_size}x{min_size}, received "
                f"input_shape={input_shape}.")
    if require_flatten and None in spatial:
        raise ValueError(
            "If include_top=True, the input shape must be fully defined, received "
            f"input_shape={input_shape}.")
    return input_shape


def check_weights_argument(weights, include_top, classes, model_name):
    """Raise for invalid `weights` / `classes` combinations."""
    if not (weights in (None, "imagenet") or isinstance(weights, str)):
        raise ValueError(
            f"{model_name}: `weights` must be None, 'imagenet', or the path to a weights "
            f"file, received {weights!r}.")
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError(
            f"{model_name}: with weights='imagenet' and include_top=True, `classes` must "
            f"be 1000, received classes={classes}.")


def validate_activation(classifier_activation, weights):
    """Pretrained heads only support softmax or None (as Keras)."""
    if weights is None:
        return
    if classifier_activation not in ("softmax", None):
        raise ValueError(
            "Only `None` and 'softmax' activations are allowed for `classifier_activation` "
            f"when loading pretrained weights, received {classifier_activation!r}.")


def model_inputs(input_tensor, input_shape):
    """`(img_input, model_input)` for `input_tensor` (or a fresh Input of `input_shape`)."""
    from cornu.layers.core.input_layer import Input

    if input_tensor is None:
        img_input = Input(shape=input_shape)
        return img_input, img_input
    if backend.is_keras_tensor(input_tensor):
        return input_tensor, input_tensor
    img_input = Input(tensor=input_tensor, shape=input_shape)
    return img_input, img_input


def load_model_weights(model, weights, origin, file_hash, model_name):
    """Load `weights` into `model`: a local path, or the published 'imagenet' file at `origin`."""
    if weights is None:
        return
    if weights == "imagenet":
        from cornu.utils.file_utils import get_file

        file_name = origin.rsplit("/", 1)[-1]
        try:
            path = get_file(file_name, origin, cache_subdir="models", file_hash=file_hash)
        except Exception as error:
            raise RuntimeError(
                f"{model_name}: could not download the ImageNet weights from {origin} "
                f"({error}). Without network access, download the file elsewhere and pass "
                "its local path as `weights=`, or use weights=None.") from error
    else:
        path = weights
    model.load_weights(path)
