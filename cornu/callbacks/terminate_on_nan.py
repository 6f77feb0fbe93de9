"""`TerminateOnNaN`: stop training as soon as the loss is NaN or infinite."""
import math

from cornu.callbacks.callback import Callback
from cornu.callbacks.log_values import to_float


class TerminateOnNaN(Callback):
    """Set `model.stop_training` when a training batch reports a non-finite loss.

    Example:

        model.fit(x, y, callbacks=[TerminateOnNaN()])
    """

    def on_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is None:
            return
        if not math.isfinite(to_float(loss)):
            print(f"Batch {batch}: Invalid loss, terminating training")
            self.model.stop_training = True
