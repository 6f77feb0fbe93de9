"""Builders of `Summary.Value` protos in the layouts TensorBoard's plugins read."""
import io

import numpy as np
from tensorboard.compat.proto import summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
from tensorboard.compat.proto.summary_pb2 import HistogramProto
from tensorboard.plugins.image import metadata as image_metadata
from tensorboard.plugins.text import metadata as text_metadata

DEFAULT_BUCKET_COUNT = 30


def to_numpy(data):
    """A NumPy array from Python data, a backend tensor or a Variable."""
    from cornu import backend

    if backend.is_tensor(data) or isinstance(data, backend.Variable):
        return np.asarray(backend.convert_to_numpy(data))
    return np.asarray(data)


def _description_metadata(description):
    if not description:
        return None
    return summary_pb2.SummaryMetadata(summary_description=description)


def _string_tensor(strings, shape):
    return tensor_pb2.TensorProto(
        dtype=types_pb2.DT_STRING,
        tensor_shape=tensor_shape_pb2.TensorShapeProto(
            dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=int(size)) for size in shape]),
        string_val=list(strings))


def scalar_value(name, data, description=None):
    """A classic scalar (`simple_value`), read by `EventAccumulator.Scalars`.

    Args:
        name: the tag.
        data: a number or single-element tensor.
        description: optional text shown in TensorBoard.

    Returns:
        A `Summary.Value`.
    """
    array = to_numpy(data)
    if array.size != 1 or array.dtype.kind not in "fiub":
        raise ValueError(
            f"summary.scalar({name!r}) expects a single number; received data with shape "
            f"{array.shape} and dtype {array.dtype}.")
    value = summary_pb2.Summary.Value(tag=name, simple_value=float(array.reshape(-1)[0]))
    metadata = _description_metadata(description)
    if metadata is not None:
        value.metadata.CopyFrom(metadata)
    return value


def histogram_value(name, data, buckets=None, description=None):
    """A classic histogram (`HistogramProto`) over the finite values of `data`.

    Args:
        name: the tag.
        data: any numeric array or tensor (flattened).
        buckets: number of equal-width buckets between min and max (default 30).
        description: optional text shown in TensorBoard.

    Returns:
        A `Summary.Value`.
    """
    array = to_numpy(data)
    if array.dtype.kind not in "fiub":
        raise ValueError(
            f"summary.histogram({name!r}) expects numeric data; received dtype {array.dtype}.")
    bucket_count = DEFAULT_BUCKET_COUNT if buckets is None else int(buckets)
    if bucket_count < 1:
        raise ValueError(
            f"summary.histogram({name!r}) needs buckets >= 1; received buckets={buckets!r}.")
    values = array.astype("float64").reshape(-1)
    values = values[np.isfinite(values)]
    histogram = HistogramProto()
    if values.size:
        low, high = float(values.min()), float(values.max())
        if low == high:
            counts, limits = np.array([values.size]), np.array([high])
        else:
            counts, edges = np.histogram(values, bins=bucket_count, range=(low, high))
            limits = edges[1:]
        histogram.min, histogram.max = low, high
        histogram.num = float(values.size)
        histogram.sum = float(values.sum())
        histogram.sum_squares = float(np.dot(values, values))
        histogram.bucket_limit.extend(float(limit) for limit in limits)
        histogram.bucket.extend(float(count) for count in counts)
    value = summary_pb2.Summary.Value(tag=name, histo=histogram)
    metadata = _description_metadata(description)
    if metadata is not None:
        value.metadata.CopyFrom(metadata)
    return value


def _to_uint8_images(name, data):
    array = to_numpy(data)
    if array.ndim != 4 or array.shape[-1] not in (1, 3, 4):
        raise ValueError(
            f"summary.image({name!r}) expects a batch of shape [k, height, width, channels] "
            f"with 1, 3 or 4 channels; received shape {array.shape}.")
    if array.dtype == np.uint8:
        return array
    if array.dtype.kind != "f":
        raise ValueError(
            f"summary.image({name!r}) expects float data in [0, 1] or uint8; received "
            f"dtype {array.dtype}.")
    return np.round(np.clip(array.astype("float64"), 0.0, 1.0) * 255.0).astype(np.uint8)


def _encode_png(image):
    from PIL import Image

    if image.shape[-1] == 1:
        picture = Image.fromarray(image[:, :, 0], mode="L")
    else:
        picture = Image.fromarray(image, mode="RGB" if image.shape[-1] == 3 else "RGBA")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def image_value(name, data, max_outputs=3, description=None):
    """An image summary in TensorFlow 2 layout: one tensor `[width, height, png...]`.

    Args:
        name: the tag.
        data: `[k, h, w, c]` floats in [0, 1] or uint8, with c in {1, 3, 4}.
        max_outputs: at most this many of the k images are kept.
        description: optional text shown in TensorBoard.

    Returns:
        A `Summary.Value` read by TensorBoard's images plugin.
    """
    images = _to_uint8_images(name, data)[: max(int(max_outputs), 0)]
    height, width = images.shape[1], images.shape[2]
    strings = [str(width).encode(), str(height).encode()]
    strings += [_encode_png(image) for image in images]
    return summary_pb2.Summary.Value(
        tag=name,
        metadata=image_metadata.create_summary_metadata(display_name=None,
                                                        description=description or ""),
        tensor=_string_tensor(strings, [len(strings)]))


def text_value(name, data, description=None):
    """A text summary (string tensor, `text` plugin), like `tf.summary.text`.

    Args:
        name: the tag.
        data: a string, bytes, or an array of strings.
        description: optional text shown in TensorBoard.

    Returns:
        A `Summary.Value`.
    """
    if isinstance(data, (str, bytes)):
        array = np.array(data, dtype=object)
    else:
        array = np.asarray(data, dtype=object)
    strings = []
    for item in array.reshape(-1):
        if isinstance(item, bytes):
            strings.append(item)
        elif isinstance(item, str):
            strings.append(item.encode("utf-8"))
        else:
            raise ValueError(
                f"summary.text({name!r}) expects strings; received an element {item!r} of "
                f"type {type(item).__name__}.")
    return summary_pb2.Summary.Value(
        tag=name,
        metadata=text_metadata.create_summary_metadata(display_name=None,
                                                       description=description or ""),
        tensor=_string_tensor(strings, array.shape))
