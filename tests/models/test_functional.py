import numpy as np
import pytest

import cornu as keras
from cornu import layers, ops


def _ticket_model():
    title = keras.Input(shape=(20,), name="title")
    body = keras.Input(shape=(30,), name="text_body")
    tags = keras.Input(shape=(5,), name="tags")
    features = layers.Concatenate()([title, body, tags])
    features = layers.Dense(16, activation="relu", name="hidden")(features)
    priority = layers.Dense(1, activation="sigmoid", name="priority")(features)
    department = layers.Dense(4, activation="softmax", name="department")(features)
    return keras.Model(inputs=[title, body, tags], outputs=[priority, department])


def test_symbolic_shapes_and_layers_order():
    inputs = keras.Input(shape=(3,), name="in")
    hidden = layers.Dense(64, name="d1")(inputs)
    outputs = layers.Dense(10, name="d2")(hidden)
    model = keras.Model(inputs, outputs, name="m")
    assert hidden.shape == (None, 64) and outputs.shape == (None, 10)
    assert [layer.name for layer in model.layers] == ["in", "d1", "d2"]
    assert model.count_params() == 3 * 64 + 64 + 64 * 10 + 10 == 906
    assert model.get_layer("d1").output is hidden
    assert model.get_layer(index=1).name == "d1"
    assert model.get_layer("d2").input is hidden


def test_eager_call_matches_numpy():
    inputs = keras.Input(shape=(3,))
    dense = layers.Dense(2)
    model = keras.Model(inputs, dense(inputs))
    x = np.arange(12, dtype="float32").reshape(4, 3)
    kernel, bias = dense.get_weights()
    np.testing.assert_allclose(ops.convert_to_numpy(model(x)), x @ kernel + bias, rtol=1e-5)


def test_multi_input_multi_output_list_and_dict_calls():
    model = _ticket_model()
    data = [np.random.rand(2, 20), np.random.rand(2, 30), np.random.rand(2, 5)]
    priority, department = model(data)
    assert tuple(priority.shape) == (2, 1) and tuple(department.shape) == (2, 4)
    by_name = model({"title": data[0], "text_body": data[1], "tags": data[2]})
    np.testing.assert_allclose(ops.convert_to_numpy(by_name[1]),
                               ops.convert_to_numpy(department), rtol=1e-6)
    assert model.input_names == ["title", "text_body", "tags"]
    assert model.output_names == ["priority", "department"]


def test_missing_and_unknown_dict_keys_are_reported():
    model = _ticket_model()
    with pytest.raises(ValueError, match="tags"):
        model({"title": np.zeros((1, 20)), "text_body": np.zeros((1, 30))})
    with pytest.raises(ValueError, match="unknown"):
        model({"title": np.zeros((1, 20)), "text_body": np.zeros((1, 30)),
               "tagz": np.zeros((1, 5))})


def test_wrong_rank_names_the_input():
    inputs = keras.Input(shape=(4, 3), name="seq")
    model = keras.Model(inputs, layers.Dense(2)(inputs))
    with pytest.raises(ValueError, match="seq"):
        model(np.zeros((2, 5, 4, 3)))


def test_dict_inputs_and_outputs():
    left = keras.Input(shape=(3,), name="left")
    right = keras.Input(shape=(3,), name="right")
    shared = layers.Dense(4, name="shared")
    diff = layers.Subtract()([shared(left), shared(right)])
    model = keras.Model({"left": left, "right": right},
                        {"prob": layers.Dense(1, activation="sigmoid", name="prob")(diff),
                         "reg": layers.Dense(1, name="reg")(diff)})
    assert len(shared._inbound_nodes) == 2
    out = model({"right": np.ones((2, 3)), "left": np.ones((2, 3))})
    assert set(out) == {"prob", "reg"}
    np.testing.assert_allclose(ops.convert_to_numpy(out["reg"]),
                               np.full((2, 1), ops.convert_to_numpy(model.get_layer("reg").bias)[0]),
                               rtol=1e-5, atol=1e-6)


def test_feature_extraction_and_new_head_share_weights():
    model = _ticket_model()
    features = model.get_layer("hidden").output
    difficulty = layers.Dense(3, activation="softmax", name="difficulty")(features)
    extended = keras.Model(model.inputs, model.outputs + [difficulty])
    extractor = keras.Model(model.inputs, features)
    data = [np.random.rand(2, 20), np.random.rand(2, 30), np.random.rand(2, 5)]
    assert len(extended(data)) == 3
    assert extractor.get_layer("hidden") is model.get_layer("hidden")
    assert tuple(extractor(data).shape) == (2, 16)


def test_ops_on_symbolic_tensors_become_nodes():
    inputs = keras.Input(shape=(3,))
    doubled = inputs * 2.0 + 1.0
    model = keras.Model(inputs, ops.sum(doubled, axis=-1))
    np.testing.assert_allclose(ops.convert_to_numpy(model(np.ones((2, 3), "float32"))), [9.0, 9.0])


def test_disconnected_graph_is_rejected():
    a = keras.Input(shape=(3,), name="a")
    b = keras.Input(shape=(3,), name="b")
    out = layers.Add()([a, b])
    with pytest.raises(ValueError, match="disconnected|Graph"):
        keras.Model(a, out)


def test_nested_models_both_ways():
    class Block(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(4, activation="relu")

        def call(self, x, training=None):
            return self.dense(x)

    inputs = keras.Input(shape=(3,))
    functional = keras.Model(inputs, layers.Dense(2)(Block()(inputs)))
    assert functional.output.shape == (None, 2)
    assert len(functional.weights) == 4

    class Wrapper(keras.Model):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner
            self.head = layers.Dense(1)

        def call(self, x, training=None):
            return self.head(self.inner(x))

    wrapper = Wrapper(functional)
    assert tuple(wrapper(np.ones((5, 3))).shape) == (5, 1)
    assert len(wrapper.weights) == 6


def test_config_round_trip_rebuilds_the_graph():
    model = _ticket_model()
    config = model.get_config()
    assert config["input_layers"] == [["title", 0, 0], ["text_body", 0, 0], ["tags", 0, 0]]
    assert config["output_layers"] == [["priority", 0, 0], ["department", 0, 0]]
    clone = keras.Model.from_config(config)
    assert [l.name for l in clone.layers] == [l.name for l in model.layers]
    clone.set_weights(model.get_weights())
    data = [np.random.rand(2, 20), np.random.rand(2, 30), np.random.rand(2, 5)]
    for a, b in zip(model(data), clone(data)):
        np.testing.assert_allclose(ops.convert_to_numpy(a), ops.convert_to_numpy(b), rtol=1e-6)


def test_shared_layer_node_indices_in_config():
    x1 = keras.Input(shape=(3,), name="x1")
    x2 = keras.Input(shape=(3,), name="x2")
    shared = layers.Dense(2, name="shared")
    out = layers.Add(name="sum")([shared(x1), shared(x2)])
    config = keras.Model([x1, x2], out).get_config()
    entry = [e for e in config["layers"] if e["name"] == "sum"][0]
    histories = [a["config"]["keras_history"] for a in entry["inbound_nodes"][0]["args"][0]]
    assert histories == [["shared", 0, 0], ["shared", 1, 0]]


def test_to_json_and_model_from_json_rebuild_architecture():
    import json

    model = _ticket_model()
    text = model.to_json()
    payload = json.loads(text)
    assert payload["class_name"] == "Functional"
    assert payload["config"]["output_layers"] == [["priority", 0, 0], ["department", 0, 0]]
    rebuilt = keras.models.model_from_json(text)
    assert [l.name for l in rebuilt.layers] == [l.name for l in model.layers]
    assert rebuilt.count_params() == model.count_params()
    rebuilt.set_weights(model.get_weights())
    data = [np.random.rand(2, 20), np.random.rand(2, 30), np.random.rand(2, 5)]
    np.testing.assert_allclose(ops.convert_to_numpy(rebuilt(data)[1]),
                               ops.convert_to_numpy(model(data)[1]), rtol=1e-6)
