"""`Resizing`: resize images to a fixed height and width."""
from cornu import ops
from cornu.layers.convolutional import conv_utils
from cornu.layers.layer import Layer

_INTERPOLATIONS = ("bilinear", "nearest", "bicubic")


class Resizing(Layer):
    """Resize 3D images or 4D batches to `(height, width)`.

    Args:
        height / width: output size.
        interpolation: `"bilinear"` (default), `"nearest"` or `"bicubic"`.
        crop_to_aspect_ratio: center-crop to the target aspect ratio before resizing.
        pad_to_aspect_ratio: pad (with `fill_value`) to the target aspect ratio instead.
        fill_mode: `"constant"` (the only mode for padding).
        fill_value: value of padded pixels.
        antialias: smooth when downsampling.
        data_format: `"channels_last"` or `"channels_first"`.
    Returns:
        Float images in the layer's compute dtype.
    Example: `Resizing(32, 32)(images)` with images `(2, 64, 48, 3)` -> `(2, 32, 32, 3)`.
    """

    def __init__(self, height, width, interpolation="bilinear", crop_to_aspect_ratio=False,
                 pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0,
                 antialias=False, data_format=None, **kwargs):
        super().__init__(**kwargs)
        for arg_name, value in (("height", height), ("width", width)):
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f"Resizing: `{arg_name}` must be a positive integer, "
                                 f"received {value!r}.")
        if interpolation not in _INTERPOLATIONS:
            raise ValueError(f"Resizing: `interpolation` must be one of {_INTERPOLATIONS}, "
                             f"received {interpolation!r}.")
        if fill_mode != "constant":
            raise ValueError(f"Resizing: only fill_mode='constant' is supported, received "
                             f"{fill_mode!r}.")
        self.height = height
        self.width = width
        self.interpolation = interpolation
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        self.pad_to_aspect_ratio = pad_to_aspect_ratio
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.antialias = antialias
        self.data_format = conv_utils.standardize_data_format(data_format, "Resizing")

    def call(self, inputs):
        inputs = ops.cast(inputs, self.compute_dtype)
        return ops.image.resize(
            inputs, (self.height, self.width), interpolation=self.interpolation,
            antialias=self.antialias, crop_to_aspect_ratio=self.crop_to_aspect_ratio,
            pad_to_aspect_ratio=self.pad_to_aspect_ratio, fill_mode=self.fill_mode,
            fill_value=self.fill_value, data_format=self.data_format)

    def compute_output_shape(self, input_shape):
        return image_output_shape(input_shape, self.height, self.width, self.data_format,
                                  self.name)

    def get_config(self):
        config = super().get_config()
        config.update({
            "height": self.height, "width": self.width, "interpolation": self.interpolation,
            "crop_to_aspect_ratio": self.crop_to_aspect_ratio,
            "pad_to_aspect_ratio": self.pad_to_aspect_ratio, "fill_mode": self.fill_mode,
            "fill_value": self.fill_value, "antialias": self.antialias,
            "data_format": self.data_format,
        })
        return config


def image_output_shape(input_shape, height, width, data_format, layer_name):
    """Shape of 3D/4D images after their spatial size becomes `(height, width)`."""
    shape = list(input_shape)
    if len(shape) not in (3, 4):
        raise ValueError(
            f"Layer {layer_name!r} expects a 3D image or a 4D batch of images, received "
            f"input shape {tuple(input_shape)}.")
    row_axis = len(shape) - 3 if data_format == "channels_last" else len(shape) - 2
    shape[row_axis] = height
    shape[row_axis + 1] = width
    return tuple(shape)
