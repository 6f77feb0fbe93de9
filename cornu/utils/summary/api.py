"""The `tf.summary`-style functions that write to the default writer."""
from cornu.utils.summary import values
from cornu.utils.summary.writer import get_default_writer, resolve_step


def _write(value, step, summary_name):
    writer = get_default_writer()
    if writer is None:
        return False
    writer.write_value(value, resolve_step(step, summary_name))
    return True


def scalar(name, data, step=None, description=None):
    """Write a scalar to the default writer.

    Args:
        name: the tag, e.g. `"train-loss"`.
        data: a number or single-element tensor.
        step: int step (default: the writer's default step).
        description: optional text shown in TensorBoard.

    Returns:
        True if written, False when no writer is the default.

    Example:

        with writer.as_default():
            scalar("loss", 0.25, step=3)
    """
    return _write(values.scalar_value(name, data, description), step, name)


def histogram(name, data, step=None, buckets=None, description=None):
    """Write a histogram of `data`'s values to the default writer.

    Args:
        name: the tag.
        data: a numeric array or tensor.
        step: int step (default: the writer's default step).
        buckets: number of buckets (default 30).
        description: optional text shown in TensorBoard.

    Returns:
        True if written, False when no writer is the default.

    Example:

        histogram("weights", np.random.randn(100), step=0)
    """
    return _write(values.histogram_value(name, data, buckets, description), step, name)


def image(name, data, step=None, max_outputs=3, description=None):
    """Write up to `max_outputs` images of a `[k, h, w, c]` batch as PNGs.

    Args:
        name: the tag.
        data: floats in [0, 1] or uint8, with 1, 3 or 4 channels.
        step: int step (default: the writer's default step).
        max_outputs: how many of the images to keep.
        description: optional text shown in TensorBoard.

    Returns:
        True if written, False when no writer is the default.

    Example:

        image("samples", np.zeros((2, 8, 8, 1)), step=0)
    """
    return _write(values.image_value(name, data, max_outputs, description), step, name)


def text(name, data, step=None, description=None):
    """Write a string (or array of strings) to the default writer.

    Args:
        name: the tag.
        data: str, bytes, or array of strings.
        step: int step (default: the writer's default step).
        description: optional text shown in TensorBoard.

    Returns:
        True if written, False when no writer is the default.

    Example:

        text("note", "lr lowered", step=5)
    """
    return _write(values.text_value(name, data, description), step, name)
