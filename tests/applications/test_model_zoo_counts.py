"""VGG16, MobileNetV2, DenseNet121, EfficientNetB0: Keras parameter counts and names."""
import numpy as np

from cornu import applications, ops


def _count(weights):
    return int(sum(np.prod(w.shape) for w in weights))


def test_vgg16_full_count_and_names():
    # At 224x224 fc1 sees 7*7*512 = 25088 features; at 32x32 it sees 512. Keras's 224x224,
    # 1000-class count is 138,357,544; adjust it for the smaller input and 10 classes.
    model = applications.VGG16(weights=None, input_shape=(32, 32, 3), classes=10)
    assert model.count_params() == 138_357_544 - (25088 - 512) * 4096 - 990 * 4096 - 990
    assert [layer.name for layer in model.layers][-4:] == ["flatten", "fc1", "fc2",
                                                            "predictions"]
    assert model.get_layer("block5_conv3").kernel.shape == (3, 3, 512, 512)


def test_vgg19_notop_forward_pass():
    model = applications.VGG19(weights=None, include_top=False, input_shape=(32, 32, 3),
                               pooling="avg")
    assert model.count_params() == 20_024_384
    out = model(np.ones((1, 32, 32, 3), "float32"))
    assert tuple(out.shape) == (1, 512)


def test_mobilenet_v2_count_and_names():
    model = applications.MobileNetV2(weights=None, input_shape=(32, 32, 3))
    assert model.count_params() == 3_538_984
    assert model.name == "mobilenetv2_1.00_32"
    names = {layer.name for layer in model.layers}
    assert {"Conv1", "bn_Conv1", "expanded_conv_depthwise", "block_16_project_BN",
            "block_1_pad", "Conv_1", "out_relu", "predictions"} <= names
    assert tuple(model.output.shape) == (None, 1000)


def test_densenet121_count_and_names():
    model = applications.DenseNet121(weights=None)
    assert model.count_params() == 8_062_504
    names = {layer.name for layer in model.layers}
    assert {"conv1_conv", "conv2_block1_concat", "pool4_conv", "conv5_block16_2_conv", "bn",
            "avg_pool", "predictions"} <= names


def test_efficientnet_b0_count_and_names():
    model = applications.EfficientNetB0(weights=None, input_shape=(32, 32, 3))
    assert model.count_params() == 5_330_571
    assert _count(model.non_trainable_weights) == 42_023
    names = {layer.name for layer in model.layers}
    assert {"stem_conv", "block1a_se_excite", "block6d_add", "top_conv", "top_dropout",
            "predictions"} <= names
    assert tuple(model.output.shape) == (None, 1000)


def test_weights_argument_accepts_a_local_file(tmp_path):
    source = applications.MobileNetV2(weights=None, input_shape=(32, 32, 3))
    path = str(tmp_path / "mobilenet.weights.h5")
    source.save_weights(path)
    loaded = applications.MobileNetV2(weights=path, input_shape=(32, 32, 3))
    images = np.random.default_rng(0).uniform(-1, 1, size=(1, 32, 32, 3)).astype("float32")
    np.testing.assert_allclose(ops.convert_to_numpy(loaded.predict(images, verbose=0)),
                               ops.convert_to_numpy(source.predict(images, verbose=0)),
                               rtol=1e-5, atol=1e-6)
    for expected, actual in zip(source.get_weights(), loaded.get_weights()):
        np.testing.assert_array_equal(actual, expected)
