"""`cornu.preprocessing.sequence`: sequence padding (Keras's `pad_sequences`)."""
from cornu.utils.sequence_utils import pad_sequences

__all__ = ["pad_sequences"]
