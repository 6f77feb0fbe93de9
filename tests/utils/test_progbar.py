import io
import re
import sys

import numpy as np
import pytest

from cornu import ops
from cornu.utils.progbar import Progbar

STEP_VALUE = re.compile(r"(\d+)/(?:\d+|Unknown)\b.*?something: (-?[\d.]+(?:e[-+]\d+)?)")


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def drive(monkeypatch, stream, target=100, **kwargs):
    monkeypatch.setattr(sys, "stdout", stream)
    bar = Progbar(target, interval=0.0, **kwargs)
    for i in range(target):
        bar.update(i + 1, values=[("something", i - 10)])
    return stream.getvalue()


def shown(text):
    values = {}
    for segment in re.split(r"[\r\n]", text):
        match = STEP_VALUE.search(segment)
        if match:
            values[int(match.group(1))] = float(match.group(2))
    return values


def test_values_are_step_weighted_running_averages(monkeypatch):
    values = shown(drive(monkeypatch, io.StringIO()))
    assert values[1] == -10.0 and values[2] == -9.5
    assert values[50] == pytest.approx(np.mean(np.arange(-10, 40)))
    assert values[100] == pytest.approx(np.mean(np.arange(-10, 90)))


def test_stateful_metrics_show_the_latest_value(monkeypatch):
    values = shown(drive(monkeypatch, io.StringIO(), stateful_metrics=["something"]))
    assert values[50] == 39.0 and values[100] == 89.0


def test_file_mode_has_plain_lines_bounded_in_number(monkeypatch):
    text = drive(monkeypatch, io.StringIO(), target=1000)
    assert "\r" not in text and "\b" not in text and "\x1b" not in text
    lines = text.splitlines()
    assert 2 <= len(lines) <= 101
    assert lines[-1].startswith("1000/1000 ━")
    assert re.search(r" \d+s \d+\w+/step - something: ", lines[-1])


def test_terminal_mode_redraws_a_single_line(monkeypatch):
    text = drive(monkeypatch, FakeTerminal(), target=20)
    assert text.count("\n") == 1 and text.endswith("\n")
    assert text.count("\r") == 20
    final = text.split("\r")[-1]
    assert final.startswith("20/20 " + "━" * 30)


def test_terminal_mode_pads_shorter_redraws(monkeypatch):
    stream = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", stream)
    bar = Progbar(2, interval=0.0)
    bar.update(1, values=[("name", 1.0)])
    first_width = len(stream.getvalue()) - 1
    bar.update(2)
    second = stream.getvalue().split("\r")[-1].rstrip("\n")
    assert len(second) >= first_width


def test_verbose_two_and_zero(monkeypatch):
    text = drive(monkeypatch, io.StringIO(), verbose=2, stateful_metrics=["something"])
    assert text.count("\n") == 1
    assert re.fullmatch(r"100/100 - \d+s - \d+\w+/step - something: 89\.0000\n", text)
    assert drive(monkeypatch, io.StringIO(), verbose=0) == ""


def test_add_unknown_target_and_tensor_values(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    bar = Progbar(None, interval=0.0)
    bar.add(2, values=[("loss", ops.convert_to_tensor(np.float32(0.5)))])
    bar.add(2, values=[("loss", 0.25)])
    bar.update(4, finalize=True)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("2/Unknown") and "loss: 0.5000" in lines[0]
    assert lines[-1].startswith("4/Unknown") and "loss: 0.3750" in lines[-1]


def test_small_values_use_scientific_notation(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    Progbar(1).update(1, values=[("tiny", 1e-5), ("label", "text")])
    assert "tiny: 1.0000e-05 - label: text" in stream.getvalue()


def test_invalid_arguments_are_reported():
    with pytest.raises(ValueError, match="verbose must be 0, 1 or 2; received verbose=3"):
        Progbar(10, verbose=3)
    with pytest.raises(ValueError, match="target must be a non-negative int or None"):
        Progbar(-1)
