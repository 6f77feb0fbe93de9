"""TensorBoard summaries without TensorFlow, shaped like `tf.summary`.

Example:

    from cornu.utils import summary
    writer = summary.create_file_writer("logs")
    with writer.as_default():
        summary.scalar("loss", 0.5, step=0)
"""
from cornu.utils.summary import experimental
from cornu.utils.summary.api import histogram, image, scalar, text
from cornu.utils.summary.writer import SummaryWriter, create_file_writer, flush

__all__ = ["SummaryWriter", "create_file_writer", "experimental", "flush", "histogram",
           "image", "scalar", "text"]
