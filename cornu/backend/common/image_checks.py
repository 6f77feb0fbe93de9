"""Engine-neutral argument checks shared by the torch and JAX `image` modules."""


def check_resize_arguments(interpolation, known_modes, size):
    """Check `resize`'s interpolation name and `(height, width)` size.

    Args:
        interpolation: requested interpolation name.
        known_modes: the interpolation names the engine supports.
        size: requested output size.

    Returns:
        None.

    Example:
        >>> check_resize_arguments("bilinear", {"bilinear": ...}, (4, 4))
    """
    if interpolation not in known_modes:
        raise ValueError(f"`resize`: interpolation must be one of {sorted(known_modes)}, "
                         f"received {interpolation!r}.")
    if len(size) != 2:
        raise ValueError(f"`resize`: size must be (height, width), received {size}.")


def check_image_rank(op_name, images):
    """Check `images` is one 3D image or a 4D batch.

    Args:
        op_name: op name used in the error message.
        images: engine tensor.

    Returns:
        True when `images` is a single (3D) image.

    Example:
        >>> check_image_rank("resize", batch_of_rank_4)
        False
    """
    if images.ndim not in (3, 4):
        raise ValueError(f"`{op_name}` expects a 3D image or a 4D batch of images, received "
                         f"shape {tuple(images.shape)}.")
    return images.ndim == 3


def rgb_channel_axis(images, data_format):
    """The channel axis of RGB `images`, checking it holds 3 channels.

    Args:
        images: engine tensor.
        data_format: "channels_last" or "channels_first".

    Returns:
        -1 (channels_last) or -3 (channels_first).

    Example:
        >>> rgb_channel_axis(images_of_shape_4_4_3, "channels_last")
        -1
    """
    axis = -1 if data_format == "channels_last" else -3
    if images.shape[axis] != 3:
        raise ValueError(f"`rgb_to_grayscale` expects 3 channels on axis {axis}, received "
                         f"shape {tuple(images.shape)}.")
    return axis
