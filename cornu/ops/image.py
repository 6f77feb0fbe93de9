"""Image public ops (`cornu.ops.image`).

    >>> from cornu import ops
    >>> ops.image.resize(ops.ones((1, 4, 4, 3)), (8, 8)).shape   # (1, 8, 8, 3)
"""
from cornu.ops.spec import engine_op

resize = engine_op("image", "resize", """Resize images to `size = (height, width)`.

Args:
    images: `(batch, h, w, c)` or `(h, w, c)` (channels_first also accepted).
    size: target `(height, width)`.
    interpolation: "bilinear" (default), "nearest" or "bicubic" (half-pixel centers).
    antialias: smooth when downsampling.
    crop_to_aspect_ratio / pad_to_aspect_ratio: keep the aspect ratio by center crop/pad.
    data_format: "channels_last" (default) or "channels_first".

Returns:
    Resized images (integer inputs are rounded back to their dtype).

Example:
    >>> resize(ops.ones((1, 2, 2, 1)), (4, 4)).shape   # (1, 4, 4, 1)
""")
rgb_to_grayscale = engine_op("image", "rgb_to_grayscale",
                             "Convert RGB images to one-channel grayscale.")
