"""`cornu.applications`: ImageNet model zoo (Keras 3 architectures, names and weight layouts).

Model builders resolve lazily; family modules (`resnet50`, `vgg16`, `mobilenet_v2`,
`densenet`, `efficientnet`, ...) expose `preprocess_input` and `decode_predictions`.
"""
import importlib

_MODELS = {
    "ResNet50": "cornu.applications.resnet",
    "ResNet101": "cornu.applications.resnet",
    "ResNet152": "cornu.applications.resnet",
    "VGG16": "cornu.applications.vgg",
    "VGG19": "cornu.applications.vgg",
    "MobileNetV2": "cornu.applications.mobilenet_v2",
    "DenseNet121": "cornu.applications.densenet",
    "EfficientNetB0": "cornu.applications.efficientnet",
}
_MODULES = ("imagenet_utils", "resnet", "resnet50", "vgg16", "vgg19", "mobilenet_v2",
            "densenet", "efficientnet")
__all__ = sorted(_MODELS) + list(_MODULES)


def __getattr__(name):
    if name in _MODELS:
        value = getattr(importlib.import_module(_MODELS[name]), name)
    elif name in _MODULES:
        value = importlib.import_module(f"cornu.applications.{name}")
    else:
        raise AttributeError(f"module 'cornu.applications' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
