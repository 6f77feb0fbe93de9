"""plot_model / model_to_dot: graph content, file formats, dpi, errors."""
import os
import stat

import pytest
from PIL import Image

import cornu
from cornu import layers
from cornu.utils import model_visualization


def ticket_model():
    title = cornu.Input((8,), name="title")
    body = cornu.Input((8,), name="body")
    merged = layers.Concatenate(name="merge")([title, body])
    hidden = layers.Dense(4, activation="relu", name="hidden")(merged)
    priority = layers.Dense(1, activation="sigmoid", name="priority")(hidden)
    department = layers.Dense(3, activation="softmax", name="department")(hidden)
    return cornu.Model([title, body], [priority, department], name="tickets")


def node_labels(dot):
    return {node.get_name(): node.get("label") for node in dot.get_nodes()
            if node.get_name() not in ("node", "edge", "graph")}


def edges_by_name(dot, labels):
    def name_of(key):
        label = labels[key]
        return label.split("<b>")[1].split("</b>")[0]

    edges = list(dot.get_edges())
    for cluster in dot.get_subgraphs():
        edges.extend(cluster.get_edges())
    return {(name_of(e.get_source()), name_of(e.get_destination())) for e in edges}


def test_model_to_dot_nodes_and_edges():
    dot = cornu.utils.model_to_dot(ticket_model())
    labels = node_labels(dot)
    names = sorted(label.split("<b>")[1].split("</b>")[0] for label in labels.values())
    assert names == ["body", "department", "hidden", "merge", "priority", "title"]
    assert edges_by_name(dot, labels) == {("title", "merge"), ("body", "merge"),
                                          ("merge", "hidden"), ("hidden", "priority"),
                                          ("hidden", "department")}
    assert dot.get("rankdir") == "TB"
    assert all("(Dense)" in label or "(InputLayer)" in label or "(Concatenate)" in label
               for label in labels.values())
    assert not any("Output shape" in label for label in labels.values())


def test_model_to_dot_options():
    dot = cornu.utils.model_to_dot(ticket_model(), show_shapes=True, show_dtype=True,
                                   show_layer_activations=True, show_trainable=True,
                                   show_layer_names=False, rankdir="LR")
    text = dot.to_string()
    assert "Output shape" in text and "(None, 16)" in text and "float32" in text
    assert "Input shape" in text and "[(None, 8), (None, 8)]" in text
    assert "relu" in text and "softmax" in text and "Trainable" in text
    assert "hidden" not in text and dot.get("rankdir") == "LR"
    with pytest.raises(ValueError, match="rankdir"):
        cornu.utils.model_to_dot(ticket_model(), rankdir="UP")


def test_expand_nested_draws_inner_layers_in_a_cluster():
    inner = cornu.Sequential([layers.Dense(4, name="inner_a"), layers.Dense(3, name="inner_b")],
                             name="inner")
    outer = cornu.Sequential([cornu.Input((2,), name="x"), inner, layers.Dense(1, name="last")])
    flat = cornu.utils.model_to_dot(outer).to_string()
    assert "inner_a" not in flat and "<b>inner</b>" in flat
    dot = cornu.utils.model_to_dot(outer, expand_nested=True)
    clusters = dot.get_subgraphs()
    assert len(clusters) == 1 and "inner_a" in clusters[0].to_string()
    assert "<b>inner</b>" not in dot.to_string()
    labels = node_labels(dot)
    for cluster in clusters:
        labels.update(node_labels(cluster))
    edges = edges_by_name(dot, labels)
    assert ("inner_b", "last") in edges and ("inner_a", "inner_b") in edges
    assert ("x", "last") not in edges


def png_size(path):
    with open(path, "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    with Image.open(path) as image:
        return image.size


def test_png_size_grows_with_dpi_and_file_is_readable(tmp_path):
    model = ticket_model()
    low, high = tmp_path / "low.png", tmp_path / "high.png"
    assert cornu.utils.plot_model(model, to_file=str(low), dpi=40) is None
    cornu.utils.plot_model(model, to_file=str(high), dpi=120)
    low_size, high_size = png_size(low), png_size(high)
    assert high_size[0] > 2 * low_size[0] and high_size[1] > 2 * low_size[1]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(high).st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_shapes_change_the_picture(tmp_path):
    model = ticket_model()
    cornu.utils.plot_model(model, to_file=str(tmp_path / "a.png"), dpi=60)
    cornu.utils.plot_model(model, to_file=str(tmp_path / "b.png"), dpi=60, show_shapes=True)
    assert png_size(tmp_path / "a.png") != png_size(tmp_path / "b.png")


@pytest.mark.parametrize("extension,magic", [("svg", b"<?xml"), ("pdf", b"%PDF"),
                                             ("dot", b"digraph")])
def test_formats_from_extension(tmp_path, extension, magic):
    path = tmp_path / f"model.{extension}"
    cornu.utils.plot_model(ticket_model(), to_file=str(path))
    content = path.read_bytes()
    assert content.lstrip().startswith(magic), content[:40]
    if extension == "svg":
        assert b"hidden" in content


def test_unknown_extension_and_unbuilt_model(tmp_path):
    with pytest.raises(ValueError, match="extension 'bmpx'"):
        cornu.utils.plot_model(ticket_model(), to_file=str(tmp_path / "m.bmpx"))
    unbuilt = cornu.Sequential([layers.Dense(2)])
    with pytest.raises(ValueError, match="not built"):
        cornu.utils.plot_model(unbuilt, to_file=str(tmp_path / "m.png"))


def test_missing_graphviz_names_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(model_visualization.shutil, "which", lambda program: None)
    with pytest.raises(ImportError, match="graphviz.*apt-get install graphviz"):
        cornu.utils.plot_model(ticket_model(), to_file=str(tmp_path / "m.png"))
    assert not (tmp_path / "m.png").exists()


def test_missing_pydot_names_what_to_install(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "pydot":
            raise ImportError("No module named 'pydot'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match="pip install pydot"):
        cornu.utils.plot_model(ticket_model(), to_file=str(tmp_path / "m.png"))


def test_subclassed_model_draws_its_sublayers():
    import numpy as np

    class Net(cornu.Model):
        def __init__(self):
            super().__init__()
            self.first = layers.Dense(3, name="first")
            self.second = layers.Dense(1, name="second")

        def call(self, inputs):
            return self.second(self.first(inputs))

    model = Net()
    model(np.ones((2, 4), "float32"))
    text = cornu.utils.model_to_dot(model).to_string()
    assert "<b>first</b>" in text and "<b>second</b>" in text
