"""`cornu.applications.vgg19`: VGG19 and its pre/post-processing (Keras module path)."""
from cornu.applications.vgg import VGG19, decode_predictions, preprocess_input  # noqa: F401
