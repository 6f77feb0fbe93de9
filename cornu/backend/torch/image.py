"""Image ops of the torch engine (`cornu.ops.image`)."""
import torch
import torch.nn.functional as F

from cornu import config
from cornu.backend.common.image_checks import (
    check_image_rank, check_resize_arguments, rgb_channel_axis)
from cornu.backend.torch.numpy.promotion import tensor, to_float

_RESIZE_MODES = {"bilinear": "bilinear", "nearest": "nearest-exact", "bicubic": "bicubic"}


def _batched_channels_first(images, data_format, op_name):
    images = to_float(images)
    single = check_image_rank(op_name, images)
    if single:
        images = images.unsqueeze(0)
    if data_format == "channels_last":
        images = images.permute(0, 3, 1, 2)
    return images, single


def _restore(images, single, data_format):
    if data_format == "channels_last":
        images = images.permute(0, 2, 3, 1)
    return images[0] if single else images


def resize(images, size, interpolation="bilinear", antialias=False, crop_to_aspect_ratio=False,
           pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None):
    data_format = config.standardize_data_format(data_format)
    check_resize_arguments(interpolation, _RESIZE_MODES, size)
    original_dtype = tensor(images).dtype
    x, single = _batched_channels_first(images, data_format, "resize")
    height, width = int(size[0]), int(size[1])
    if crop_to_aspect_ratio:
        source_h, source_w = x.shape[-2], x.shape[-1]
        crop_h = min(source_h, int(source_w * height / width))
        crop_w = min(source_w, int(source_h * width / height))
        top = (source_h - crop_h) // 2
        left = (source_w - crop_w) // 2
        x = x[..., top:top + crop_h, left:left + crop_w]
    elif pad_to_aspect_ratio:
        source_h, source_w = x.shape[-2], x.shape[-1]
        target_h = max(source_h, int(source_w * height / width))
        target_w = max(source_w, int(source_h * width / height))
        top = (target_h - source_h) // 2
        left = (target_w - source_w) // 2
        x = F.pad(x, (left, target_w - source_w - left, top, target_h - source_h - top),
                  value=fill_value)
    mode = _RESIZE_MODES[interpolation]
    kwargs = {} if mode.startswith("nearest") else {"align_corners": False,
                                                    "antialias": bool(antialias)}
    out = F.interpolate(x, size=(height, width), mode=mode, **kwargs)
    out = _restore(out, single, data_format)
    if not original_dtype.is_floating_point:
        out = torch.round(out).to(original_dtype) if original_dtype != torch.uint8 else \
            torch.clamp(torch.round(out), 0, 255).to(original_dtype)
    return out


def rgb_to_grayscale(images, data_format=None):
    data_format = config.standardize_data_format(data_format)
    images = to_float(images)
    axis = rgb_channel_axis(images, data_format)
    weights = torch.tensor([0.2989, 0.5870, 0.1140], dtype=images.dtype, device=images.device)
    shape = [1] * images.ndim
    shape[axis] = 3
    return torch.sum(images * weights.reshape(shape), dim=axis, keepdim=True)
