"""ResNet50: Keras parameter counts, layer names, forward pass, freezing, errors."""
import numpy as np
import pytest

import cornu
from cornu import applications, layers


def _count(weights):
    return int(sum(np.prod(w.shape) for w in weights))


def test_resnet50_counts_names_and_forward_pass():
    backbone = applications.ResNet50(weights=None, include_top=False)
    assert backbone.count_params() == 23_587_712
    assert _count(backbone.non_trainable_weights) == 53_120
    assert backbone.name == "resnet50"
    names = [layer.name for layer in backbone.layers]
    for name in ("conv1_pad", "conv1_conv", "conv1_bn", "pool1_pool", "conv2_block1_0_conv",
                 "conv2_block1_1_conv", "conv2_block3_out", "conv5_block3_3_bn",
                 "conv5_block3_out"):
        assert name in names, name
    kernel = backbone.get_layer("conv1_conv").kernel
    assert tuple(kernel.shape) == (7, 7, 3, 64)
    features = backbone(np.random.default_rng(0).normal(size=(1, 32, 32, 3)).astype("float32"))
    assert tuple(features.shape) == (1, 1, 1, 2048)

    backbone.trainable = False
    assert backbone.trainable_weights == []
    head = layers.Dense(3)
    outputs = head(layers.GlobalAveragePooling2D()(backbone.output))
    model = cornu.Model(backbone.input, outputs)
    assert model.trainable_weights == head.trainable_weights


def test_resnet50_with_top():
    model = applications.ResNet50(weights=None, input_shape=(32, 32, 3), classes=10)
    assert model.count_params() == 25_636_712 - 2048 * 990 - 990
    assert model.layers[-1].name == "predictions"
    assert tuple(model.output.shape) == (None, 10)


def test_resnet_argument_errors():
    with pytest.raises(ValueError, match="classes"):
        applications.ResNet50(weights="imagenet", classes=10)
    with pytest.raises(ValueError, match="at least 32x32"):
        applications.ResNet50(weights=None, include_top=False, input_shape=(16, 16, 3))
    with pytest.raises(ValueError, match="classifier_activation"):
        applications.resnet.ResNet50(weights="imagenet", classifier_activation="relu")
