"""preprocess_input modes, decode_predictions and input-shape rules of the model zoo."""
import json

import numpy as np
import pytest

from cornu import applications, ops
from cornu.applications import imagenet_utils


def _pixels():
    return np.random.default_rng(0).uniform(0, 255, size=(2, 4, 4, 3)).astype("float32")


def test_caffe_mode_flips_to_bgr_and_subtracts_means():
    x = _pixels()
    out = applications.resnet50.preprocess_input(x)
    np.testing.assert_allclose(out, x[..., ::-1] - [103.939, 116.779, 123.68], rtol=1e-5)
    first = np.moveaxis(x, -1, 1)
    out_first = applications.vgg16.preprocess_input(first, data_format="channels_first")
    np.testing.assert_allclose(np.moveaxis(out_first, 1, -1), out, rtol=1e-5)


def test_tf_and_torch_modes():
    x = _pixels()
    np.testing.assert_allclose(applications.mobilenet_v2.preprocess_input(x), x / 127.5 - 1,
                               rtol=1e-5)
    expected = (x / 255 - [0.485, 0.456, 0.406]) / [0.229, 0.224, 0.225]
    np.testing.assert_allclose(applications.densenet.preprocess_input(x), expected, atol=1e-5)
    tensor_out = applications.densenet.preprocess_input(ops.convert_to_tensor(x))
    np.testing.assert_allclose(ops.convert_to_numpy(tensor_out), expected, atol=1e-5)
    integer = applications.mobilenet_v2.preprocess_input(np.full((1, 2, 2, 3), 255, "uint8"))
    assert integer.dtype == np.float32 and np.all(integer == 1.0)
    assert applications.efficientnet.preprocess_input(x) is x


def test_preprocess_input_errors():
    with pytest.raises(ValueError, match="mode"):
        imagenet_utils.preprocess_input(_pixels(), mode="keras")
    with pytest.raises(ValueError, match="3 colour channels"):
        imagenet_utils.preprocess_input(np.ones((1, 4, 4, 2)), mode="caffe")


def test_decode_predictions_with_local_class_index(tmp_path):
    index = {str(i): [f"n{i:08d}", f"class_{i}"] for i in range(1000)}
    path = tmp_path / "imagenet_class_index.json"
    path.write_text(json.dumps(index))
    preds = np.zeros((2, 1000), "float32")
    preds[0, [5, 7, 9]] = [0.2, 0.5, 0.3]
    preds[1, 999] = 1.0
    decoded = imagenet_utils.decode_predictions(preds, top=2, class_index_path=str(path))
    assert [entry[:2] for entry in decoded[0]] == [("n00000007", "class_7"),
                                                   ("n00000009", "class_9")]
    np.testing.assert_allclose([entry[2] for entry in decoded[0]], [0.5, 0.3], rtol=1e-6)
    assert decoded[1][0][:2] == ("n00000999", "class_999")


def test_decode_predictions_errors(monkeypatch):
    with pytest.raises(ValueError, match=r"\(samples, 1000\)"):
        applications.resnet50.decode_predictions(np.zeros((2, 10)))

    def offline(*args, **kwargs):
        raise OSError("network unreachable")

    monkeypatch.setattr(imagenet_utils, "_class_index", None)
    monkeypatch.setattr("cornu.utils.file_utils.get_file", offline)
    with pytest.raises(RuntimeError, match="class_index_path"):
        applications.resnet50.decode_predictions(np.zeros((1, 1000)))


def test_imagenet_weights_offline_gives_a_clear_error(monkeypatch):
    def offline(*args, **kwargs):
        raise OSError("network unreachable")

    monkeypatch.setattr("cornu.utils.file_utils.get_file", offline)
    with pytest.raises(RuntimeError, match="weights=None"):
        imagenet_utils.load_model_weights(None, "imagenet", "https://example.invalid/w.h5",
                                           None, "ResNet50")


def test_obtain_input_shape_rules():
    shape = imagenet_utils.obtain_input_shape
    assert shape(None, 224, 32, "channels_last", require_flatten=True) == (224, 224, 3)
    assert shape(None, 224, 32, "channels_last", require_flatten=False) == (None, None, 3)
    assert shape(None, 224, 32, "channels_first", require_flatten=False) == (3, None, None)
    assert shape((64, 64, 3), 224, 32, "channels_last", False, "imagenet") == (64, 64, 3)
    with pytest.raises(ValueError, match="at least 32x32"):
        shape((16, 16, 3), 224, 32, "channels_last", False)
    with pytest.raises(ValueError, match="3 channels"):
        shape((64, 64, 1), 224, 32, "channels_last", False, "imagenet")
    with pytest.raises(ValueError, match="must be"):
        shape((64, 64, 3), 224, 32, "channels_last", True, "imagenet")
    assert imagenet_utils.correct_pad(np.zeros((1, 7, 8, 3)), 3) == ((1, 1), (0, 1))


def test_mobilenet_v2_warns_that_a_non_square_input_gets_the_224_weights(monkeypatch):
    requested = []

    def offline(file_name, origin, **kwargs):
        requested.append(file_name)
        raise OSError("network unreachable")

    monkeypatch.setattr("cornu.utils.file_utils.get_file", offline)
    with pytest.warns(UserWarning, match=r"not square \(160x192\)"):
        with pytest.raises(RuntimeError, match="weights=None"):
            applications.MobileNetV2(input_shape=(160, 192, 3), include_top=False,
                                     weights="imagenet")
    assert requested == ["mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5"]
