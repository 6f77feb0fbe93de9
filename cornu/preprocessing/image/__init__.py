"""`cornu.preprocessing.image`: image file helpers and the `ImageDataGenerator` flows."""
from cornu.preprocessing.image.affine_transformations import apply_affine_transform
from cornu.preprocessing.image.affine_transformations import apply_brightness_shift
from cornu.preprocessing.image.affine_transformations import apply_channel_shift
from cornu.preprocessing.image.file_iterators import DataFrameIterator, DirectoryIterator
from cornu.preprocessing.image.image_data_generator import ImageDataGenerator
from cornu.preprocessing.image.iterator import Iterator
from cornu.preprocessing.image.numpy_array_iterator import NumpyArrayIterator
from cornu.utils.image_utils import array_to_img, img_to_array, load_img, save_img, smart_resize

__all__ = [
    "DataFrameIterator", "DirectoryIterator", "ImageDataGenerator", "Iterator",
    "NumpyArrayIterator", "apply_affine_transform", "apply_brightness_shift",
    "apply_channel_shift", "array_to_img", "img_to_array", "load_img", "save_img",
    "smart_resize",
]
