"""model.summary(): the Keras 3 table, totals, unbuilt models, options and rendering."""
import numpy as np
import pytest

import cornu
from cornu import layers
from cornu.utils import summary_utils


def summary_lines(model, **kwargs):
    lines = []
    model.summary(print_fn=lines.append, **kwargs)
    return lines


def row_of(lines, name):
    matches = [line for line in lines if line.strip().startswith(name + " (")]
    assert len(matches) == 1, (name, lines)
    return matches[0].split()


def test_sequential_906_table_and_totals():
    model = cornu.Sequential([layers.Dense(64, activation="relu"), layers.Dense(10)],
                             name="my_model")
    model.build((None, 3))
    lines = summary_lines(model)
    assert lines[0] == 'Model: "my_model"'
    header = [line for line in lines if "Layer (type)" in line]
    assert len(header) == 1 and "Output Shape" in header[0] and "Param #" in header[0]
    assert "Connected to" not in header[0]
    assert row_of(lines, "dense") == ["dense", "(Dense)", "(None,", "64)", "256"]
    assert row_of(lines, "dense_1") == ["dense_1", "(Dense)", "(None,", "10)", "650"]
    text = "\n".join(lines)
    assert " Total params: 906 (3.54 KB)" in lines
    assert " Trainable params: 906 (3.54 KB)" in lines
    assert " Non-trainable params: 0 (0.00 B)" in lines
    assert "InputLayer" not in text
    assert all("\n" not in line for line in lines)


def test_functional_with_merge_has_connected_to_column():
    first = cornu.Input((4,), name="first")
    second = cornu.Input((2,), name="second")
    merged = layers.Concatenate(name="merge")([first, second])
    output = layers.Dense(3, name="head")(merged)
    model = cornu.Model([first, second], output, name="two_inputs")
    lines = summary_lines(model)
    assert any("Connected to" in line for line in lines)
    assert row_of(lines, "first")[:4] == ["first", "(InputLayer)", "(None,", "4)"]
    merge_row = " ".join(row_of(lines, "merge"))
    assert "(None, 6)" in merge_row and "first[0][0]" in merge_row
    assert "second[0][0]" in "\n".join(lines)
    assert "head[0][0]" not in merge_row
    head = row_of(lines, "head")
    assert head[-2:] == ["21", "merge[0][0]"]
    assert " Total params: 21 (84.00 B)" in lines


def test_linear_functional_model_has_no_connected_to_column():
    inputs = cornu.Input((3,), name="my_input")
    outputs = layers.Dense(2)(layers.Dense(5)(inputs))
    lines = summary_lines(cornu.Model(inputs, outputs))
    assert not any("Connected to" in line for line in lines)
    assert row_of(lines, "my_input") == ["my_input", "(InputLayer)", "(None,", "3)", "0"]


def test_unbuilt_model_says_so():
    model = cornu.Sequential([layers.Dense(4), layers.Dense(2)])
    lines = summary_lines(model)
    assert row_of(lines, "dense") == ["dense", "(Dense)", "?", "0", "(unbuilt)"]
    text = "\n".join(lines)
    assert "Total params: 0 (0.00 B)" in text
    assert "is not built yet" in text and "build(input_shape)" in text


def test_non_trainable_and_show_trainable_column():
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(4, name="frozen"),
                              layers.ReLU(name="act"), layers.Dense(2, name="free")])
    model.get_layer("frozen").trainable = False
    lines = summary_lines(model, show_trainable=True)
    assert any(line.rstrip().endswith("Trainable") for line in lines)
    assert row_of(lines, "frozen")[-1] == "N"
    assert row_of(lines, "act")[-1] == "-"
    assert row_of(lines, "free")[-1] == "Y"
    assert " Trainable params: 10 (40.00 B)" in lines
    assert " Non-trainable params: 16 (64.00 B)" in lines
    assert " Total params: 26 (104.00 B)" in lines


def test_optimizer_params_after_training():
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(2)])
    model.compile(optimizer="adam", loss="mse")
    model.fit(np.zeros((4, 3), "float32"), np.zeros((4, 2), "float32"), verbose=0)
    lines = summary_lines(model)
    optimizer_count = int(sum(np.prod(v.shape) for v in model.optimizer.variables))
    assert optimizer_count >= 16  # two Adam slots per weight
    expected = f" Optimizer params: {optimizer_count:,}"
    assert any(line.startswith(expected) for line in lines), lines
    assert any(line.startswith(f" Total params: {8 + optimizer_count:,}") for line in lines)
    assert " Trainable params: 8 (32.00 B)" in lines


def test_expand_nested_indents_inner_layers():
    inner = cornu.Sequential([layers.Dense(4, name="inner_a"), layers.Dense(3, name="inner_b")],
                             name="inner")
    outer = cornu.Sequential([cornu.Input((2,)), inner, layers.Dense(1, name="last")])
    flat = summary_lines(outer)
    assert not any("inner_a" in line for line in flat)
    assert row_of(flat, "inner")[-1] == "27"
    nested = summary_lines(outer, expand_nested=True)
    inner_row = [line for line in nested if "inner_a (Dense)" in line][0]
    outer_row = [line for line in nested if "inner (Sequential)" in line][0]
    indent = len(inner_row) - len(inner_row.lstrip())
    assert indent > len(outer_row) - len(outer_row.lstrip())
    assert "(None, 4)" in inner_row and inner_row.split()[-1] == "12"


def test_layer_range_selects_a_slice():
    model = cornu.Sequential([cornu.Input((3,))] +
                             [layers.Dense(2, name=f"d{i}") for i in range(4)])
    lines = summary_lines(model, layer_range=("d1", "d2"))
    names = [line.split()[0] for line in lines if "(Dense)" in line]
    assert names == ["d1", "d2"]
    names = [line.split()[0] for line in summary_lines(model, layer_range=("d2", "d*"))
             if "(Dense)" in line]
    assert names == ["d2"]
    with pytest.raises(ValueError, match="layer_range.*'nope'"):
        model.summary(print_fn=lambda line: None, layer_range=("nope", "d2"))
    with pytest.raises(ValueError, match="two layer names"):
        model.summary(print_fn=lambda line: None, layer_range="d1")


def test_positions_and_line_length():
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(2)])
    lines = summary_lines(model, line_length=60, positions=[0.5, 0.8, 1.0])
    assert max(len(line) for line in lines if set(line) <= {"_", "="}) == 62
    with pytest.raises(ValueError, match="positions.*3 entries"):
        model.summary(print_fn=lambda line: None, positions=[0.5, 1.0])


def test_subclassed_model_counts_and_unknown_shapes():
    class TwoLayers(cornu.Model):
        def __init__(self):
            super().__init__(name="two_layers")
            self.hidden = layers.Dense(5)
            self.out = layers.Dense(1)

        def call(self, inputs):
            return self.out(self.hidden(inputs))

    model = TwoLayers()
    model(np.ones((2, 3), "float32"))
    lines = summary_lines(model)
    assert row_of(lines, "dense") == ["dense", "(Dense)", "?", "20"]
    assert " Total params: 26 (104.00 B)" in lines


def test_rich_rendering_on_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr(summary_utils, "_stdout_is_terminal", lambda: True)
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(64), layers.Dense(10)])
    model.summary()
    out = capsys.readouterr().out
    assert "┏" in out and "┃ Layer (type)" in out and "│ dense (Dense)" in out
    assert "Total params: 906 (3.54 KB)" in out


def test_plain_text_when_not_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr(summary_utils, "_stdout_is_terminal", lambda: False)
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(2)])
    model.summary()
    out = capsys.readouterr().out
    assert "┏" not in out and "\x1b[" not in out
    assert "dense (Dense)" in out and "Total params: 8 (32.00 B)" in out


@pytest.mark.parametrize("size,text", [(0, "0.00 B"), (1023, "1023.00 B"), (1024, "1.00 KB"),
                                       (3624, "3.54 KB"), (5 * 1024 ** 2, "5.00 MB"),
                                       (3 * 1024 ** 3, "3.00 GB")])
def test_readable_memory_size(size, text):
    assert summary_utils.readable_memory_size(size) == text


def test_parameter_counts_use_thousands_separators():
    model = cornu.Sequential([cornu.Input((100,)), layers.Dense(100)])
    lines = summary_lines(model)
    assert row_of(lines, "dense")[-1] == "10,100"
    assert " Total params: 10,100 (39.45 KB)" in lines
