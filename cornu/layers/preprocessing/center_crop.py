"""`CenterCrop`: cut the central `height x width` window out of images."""
from cornu import ops
from cornu.layers.convolutional import conv_utils
from cornu.layers.layer import Layer
from cornu.layers.preprocessing.resizing import image_output_shape


class CenterCrop(Layer):
    """Crop the center of 3D images or 4D batches to `(height, width)`.

    Images smaller than the target are first resized, keeping the target aspect ratio
    (crop-to-aspect-ratio then bilinear resize), as Keras does.

    Args:
        height / width: output size.
        data_format: `"channels_last"` or `"channels_first"`.
    Returns:
        Float images in the layer's compute dtype.
    Example: `CenterCrop(2, 2)(images)` with images `(1, 4, 4, 1)` keeps rows/cols 1..2.
    """

    def __init__(self, height, width, data_format=None, **kwargs):
        super().__init__(**kwargs)
        for arg_name, value in (("height", height), ("width", width)):
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f"CenterCrop: `{arg_name}` must be a positive integer, "
                                 f"received {value!r}.")
        self.height = height
        self.width = width
        self.data_format = conv_utils.standardize_data_format(data_format, "CenterCrop")

    def call(self, inputs):
        inputs = ops.cast(inputs, self.compute_dtype)
        return center_crop(inputs, self.height, self.width, self.data_format, self.name)

    def compute_output_shape(self, input_shape):
        return image_output_shape(input_shape, self.height, self.width, self.data_format,
                                  self.name)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width,
                       "data_format": self.data_format})
        return config


def center_crop(images, height, width, data_format, layer_name):
    """Central crop, or aspect-preserving resize when the images are too small."""
    ndim = len(images.shape)
    if ndim not in (3, 4):
        raise ValueError(
            f"Layer {layer_name!r} expects a 3D image or a 4D batch of images, received "
            f"shape {tuple(images.shape)}.")
    row_axis = ndim - 3 if data_format == "channels_last" else ndim - 2
    source_h, source_w = images.shape[row_axis], images.shape[row_axis + 1]
    if source_h < height or source_w < width:
        return ops.image.resize(images, (height, width), crop_to_aspect_ratio=True,
                                data_format=data_format)
    top = (source_h - height) // 2
    left = (source_w - width) // 2
    index = [slice(None)] * ndim
    index[row_axis] = slice(top, top + height)
    index[row_axis + 1] = slice(left, left + width)
    return images[tuple(index)]
