"""`Progbar`: the text progress bar shown by `fit`, `evaluate` and `predict`."""
import os
import sys
import time

import numpy as np

_DONE_CHAR = "━"
_TODO_CHAR = "─"
# Without a terminal, intermediate lines are limited to one per percent of
# progress so that log files stay bounded whatever the step count.
_FILE_MODE_BUCKETS = 100


def _is_interactive_stdout():
    stream = sys.stdout
    try:
        if stream.isatty():
            return True
    except (AttributeError, ValueError):
        return False
    return "ipykernel" in sys.modules or "PYCHARM_HOSTED" in os.environ


def _to_display_number(value):
    """A float (or ndarray) for numeric values, the value itself otherwise."""
    if isinstance(value, (bool, int, float, np.number)):
        return float(value)
    if isinstance(value, str):
        return value
    from cornu import backend

    if backend.is_tensor(value) or isinstance(value, backend.Variable):
        value = backend.convert_to_numpy(value)
    try:
        array = np.asarray(value, dtype="float64")
    except (TypeError, ValueError):
        return value
    return float(array.reshape(-1)[0]) if array.size == 1 else array


def _format_value(value):
    if isinstance(value, float):
        return f"{value:.4f}" if abs(value) > 1e-3 else f"{value:.4e}"
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=4, separator=", ")
    return str(value)


def _format_duration(seconds):
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}:{(seconds % 3600) // 60:02d}:{seconds % 60:02d}"
    if seconds >= 60:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return f"{seconds}s"


def _format_time_per_unit(seconds, unit_name):
    if seconds >= 1:
        return f"{seconds:.0f}s/{unit_name}"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.0f}ms/{unit_name}"
    return f"{seconds * 1e6:.0f}us/{unit_name}"


class Progbar:
    """A text progress bar with running averages of logged values.

    Args:
        target: total number of steps expected, or None if unknown.
        width: width of the bar in characters.
        verbose: 0 (silent), 1 (the bar) or 2 (one line when finished).
        interval: minimum seconds between two displays.
        stateful_metrics: names whose values are shown as given instead of
            being averaged over the steps.
        unit_name: the name of one step in the time-per-step display.

    Example:

        bar = Progbar(100)
        for i in range(100):
            bar.update(i + 1, values=[("loss", 0.5)])
    """

    def __init__(self, target, width=30, verbose=1, interval=0.05, stateful_metrics=None,
                 unit_name="step"):
        if verbose not in (0, 1, 2):
            raise ValueError(f"Progbar verbose must be 0, 1 or 2; received verbose={verbose!r}.")
        if target is not None and (not isinstance(target, (int, np.integer)) or target < 0):
            raise ValueError(
                f"Progbar target must be a non-negative int or None; received target={target!r}.")
        self.target = None if target is None else int(target)
        self.width = int(width)
        self.verbose = verbose
        self.interval = float(interval)
        self.stateful_metrics = set(stateful_metrics) if stateful_metrics else set()
        self.unit_name = unit_name
        self._dynamic_display = _is_interactive_stdout()
        self._seen_so_far = 0
        # name -> [weighted sum, total weight] for averaged values, or
        # [latest value, None] for stateful ones (converted only when shown).
        self._values = {}
        self._values_order = []
        self._start = time.time()
        self._time_after_first_step = None
        self._last_display = 0.0
        self._last_bucket = -1
        self._previous_width = 0

    def update(self, current, values=None, finalize=None):
        """Advance the bar to step `current` and record `values`.

        Args:
            current: index of the current step (1-based count of steps done).
            values: list of `(name, value)` pairs.
            finalize: whether this is the last update; defaults to `current >= target`.
        """
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        for name, value in values or ():
            if name not in self._values_order:
                self._values_order.append(name)
            if name in self.stateful_metrics:
                self._values[name] = [value, None]
                continue
            weight = max(current - self._seen_so_far, 1)
            number = _to_display_number(value)
            if isinstance(number, str):
                self._values[name] = [number, None]
                continue
            total = self._values.get(name)
            if total is None or total[1] is None:
                self._values[name] = [number * weight, weight]
            else:
                total[0] = total[0] + number * weight
                total[1] += weight
        self._seen_so_far = current
        now = time.time()
        if current == 1 and self._time_after_first_step is None:
            self._time_after_first_step = now
        if self.verbose == 0:
            return
        if self.verbose == 2:
            if finalize:
                self._write(self._summary_line(current, now) + "\n")
            return
        if not finalize and not self._due(current, now):
            return
        self._last_display = now
        line = self._bar_line(current, now, finalize)
        if self._dynamic_display:
            padding = " " * max(self._previous_width - len(line), 0)
            self._previous_width = len(line)
            self._write("\r" + line + padding + ("\n" if finalize else ""))
        else:
            self._write(line + "\n")

    def add(self, n, values=None):
        """Advance the bar by `n` steps (see `update`)."""
        self.update(self._seen_so_far + n, values)

    def _due(self, current, now):
        if now - self._last_display < self.interval:
            return False
        if self._dynamic_display or not self.target:
            return True
        if current >= self.target:
            return False  # the finalizing update prints the complete line once
        bucket = (current * _FILE_MODE_BUCKETS) // self.target
        if bucket <= self._last_bucket:
            return False
        self._last_bucket = bucket
        return True

    def _write(self, text):
        sys.stdout.write(text)
        sys.stdout.flush()

    def _time_per_unit(self, current, now):
        if not current:
            return 0.0
        if self._time_after_first_step is not None and current > 1:
            # The first step often includes tracing/compilation; leave it out.
            return (now - self._time_after_first_step) / (current - 1)
        return (now - self._start) / current

    def _values_text(self):
        parts = []
        for name in self._values_order:
            stored, weight = self._values[name]
            value = _to_display_number(stored) if weight is None else stored / max(weight, 1)
            parts.append(f" - {name}: {_format_value(value)}")
        return "".join(parts)

    def _bar_line(self, current, now, finalize):
        per_unit = self._time_per_unit(current, now)
        if self.target:
            digits = len(str(self.target))
            filled = min(int(self.width * current / self.target), self.width)
            bar = _DONE_CHAR * filled + _TODO_CHAR * (self.width - filled)
            line = f"{current:>{digits}}/{self.target} {bar}"
            if finalize:
                line += f" {_format_duration(now - self._start)}"
            else:
                line += f" {_format_duration(per_unit * (self.target - current))}"
        else:
            line = f"{current}/Unknown {_format_duration(now - self._start)}"
        line += f" {_format_time_per_unit(per_unit, self.unit_name)}"
        return line + self._values_text()

    def _summary_line(self, current, now):
        total = self.target if self.target is not None else current
        digits = len(str(total))
        line = (f"{current:>{digits}}/{total} - {_format_duration(now - self._start)}"
                f" - {_format_time_per_unit(self._time_per_unit(current, now), self.unit_name)}")
        return line + self._values_text()
