"""`cornu.applications.vgg16`: VGG16 and its pre/post-processing (Keras module path)."""
from cornu.applications.vgg import VGG16, decode_predictions, preprocess_input  # noqa: F401
