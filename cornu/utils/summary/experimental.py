"""`summary.experimental`: the default step, as in `tf.summary.experimental`."""
from cornu.utils.summary.writer import get_step, set_step

__all__ = ["get_step", "set_step"]
