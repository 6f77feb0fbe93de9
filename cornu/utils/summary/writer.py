"""Event-file writers and the default-writer/step state used by the summary functions."""
import contextlib
import os
import threading
import time

from tensorboard.compat.proto import event_pb2, summary_pb2
from tensorboard.summary.writer.event_file_writer import EventFileWriter

_state = threading.local()


def _writer_stack():
    if not hasattr(_state, "writers"):
        _state.writers = []
    return _state.writers


def _step_holder():
    if not hasattr(_state, "step"):
        _state.step = [None]
    return _state.step


def get_default_writer():
    """The writer made default by `as_default`/`set_as_default`, or None."""
    stack = _writer_stack()
    return stack[-1] if stack else None


def get_step():
    """The default step used when a summary call gets `step=None` (may be None)."""
    return _step_holder()[0]


def set_step(step):
    """Set the default step (an int, or a Variable read at each write)."""
    _step_holder()[0] = step


def resolve_step(step, summary_name):
    """An int step from `step` or the default step; a clear error if neither is set."""
    if step is None:
        step = get_step()
    if step is None:
        raise ValueError(
            f"summary {summary_name!r} needs a step: pass `step=` or set one with "
            "`writer.as_default(step=...)` or `summary.experimental.set_step(...)`.")
    if isinstance(step, int):
        return step
    from cornu.utils.summary.values import to_numpy

    try:
        array = to_numpy(step).reshape(-1)
        if array.size != 1:
            raise ValueError("not a single value")
        return int(array[0])
    except (TypeError, ValueError):
        raise ValueError(
            f"summary {summary_name!r} step must be an integer; received {step!r}.") from None


class SummaryWriter:
    """Writes summaries to a TensorBoard event file in `logdir` (no TensorFlow needed).

    Args:
        logdir: folder of the event file (created if missing).
        max_queue: events buffered before a write.
        flush_millis: longest time events stay buffered.
        filename_suffix: appended to the event file name.

    Example:

        writer = SummaryWriter("logs/run1")
        with writer.as_default(step=0):
            summary.scalar("loss", 0.5)
    """

    def __init__(self, logdir, max_queue=None, flush_millis=None, filename_suffix=None):
        self.logdir = os.fspath(logdir)
        queue = 10 if max_queue is None else int(max_queue)
        flush_seconds = 120 if flush_millis is None else max(flush_millis / 1000.0, 0.001)
        self._writer = EventFileWriter(self.logdir, max_queue_size=queue,
                                       flush_secs=flush_seconds,
                                       filename_suffix=filename_suffix or ".v2")
        self._closed = False
        self._tags_with_metadata = set()

    @contextlib.contextmanager
    def as_default(self, step=None):
        """Context manager making this the default writer (and `step` the default step)."""
        stack = _writer_stack()
        holder = _step_holder()
        previous_step = holder[0]
        stack.append(self)
        if step is not None:
            holder[0] = step
        try:
            yield self
        finally:
            stack.remove(self)
            holder[0] = previous_step
            if not self._closed:
                self.flush()

    def set_as_default(self, step=None):
        """Make this the default writer until another one is set."""
        stack = _writer_stack()
        stack.clear()
        stack.append(self)
        if step is not None:
            set_step(step)

    def init(self):
        """Kept for tf.summary compatibility: the file is opened on construction."""

    def write_value(self, value, step):
        """Append one `Summary.Value` proto at `step` to the event file.

        Args:
            value: a `tensorboard.compat.proto.summary_pb2.Summary.Value`.
            step: int step.
        """
        if self._closed:
            raise RuntimeError(f"SummaryWriter for {self.logdir!r} is closed.")
        # Metadata is only needed the first time a tag appears in a file.
        if value.tag in self._tags_with_metadata and value.HasField("metadata"):
            if not value.metadata.summary_description:
                value.ClearField("metadata")
        else:
            self._tags_with_metadata.add(value.tag)
        event = event_pb2.Event(wall_time=time.time(), step=int(step),
                                summary=summary_pb2.Summary(value=[value]))
        self._writer.add_event(event)

    def flush(self):
        """Write buffered events to disk."""
        if not self._closed:
            self._writer.flush()

    def close(self):
        """Flush and close the event file; later writes raise."""
        if not self._closed:
            self._writer.close()
            self._closed = True
            stack = _writer_stack()
            if self in stack:
                stack.remove(self)

    @property
    def closed(self):
        return self._closed


def create_file_writer(logdir, max_queue=None, flush_millis=None, filename_suffix=None,
                       name=None):
    """Create a `SummaryWriter` for `logdir` (like `tf.summary.create_file_writer`).

    Args:
        logdir: folder of the event file.
        max_queue: events buffered before a write.
        flush_millis: longest time events stay buffered.
        filename_suffix: appended to the event file name.
        name: unused, accepted for compatibility.

    Returns:
        A `SummaryWriter`.

    Example:

        writer = create_file_writer("logs")
        with writer.as_default():
            scalar("loss", 0.3, step=1)
    """
    del name
    return SummaryWriter(logdir, max_queue=max_queue, flush_millis=flush_millis,
                         filename_suffix=filename_suffix)


def flush(writer=None):
    """Flush `writer` (default: the default writer)."""
    writer = writer or get_default_writer()
    if writer is not None:
        writer.flush()
