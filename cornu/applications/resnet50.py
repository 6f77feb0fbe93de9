"""`cornu.applications.resnet50`: ResNet50 and its pre/post-processing (Keras module path)."""
from cornu.applications.resnet import ResNet50, decode_predictions, preprocess_input  # noqa: F401
