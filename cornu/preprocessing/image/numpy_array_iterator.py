"""`NumpyArrayIterator`: augmented batches from in-memory image arrays."""
import numpy as np

from cornu import config
from cornu.preprocessing.image.iterator import Iterator


class NumpyArrayIterator(Iterator):
    """Batches of `(x, y[, sample_weight])` from arrays, passed through an ImageDataGenerator.

    Args:
        x: rank-4 image array, or a tuple `(images, [extra arrays])`.
        y: labels or None.
        image_data_generator: the `ImageDataGenerator` (None = no transformation).
        batch_size, shuffle, seed: as for `Iterator`.
        sample_weight: optional per-sample weights.
        data_format: image layout (default: global setting).
        save_to_dir, save_prefix, save_format: optionally save augmented images.
        subset: "training" or "validation" with the generator's `validation_split`
            (validation = the FIRST fraction of the samples, as in Keras).
        ignore_class_split: skip the check that both subsets hold every class.
        dtype: output dtype (default `floatx`).

    Example:
        >>> NumpyArrayIterator(x, y, ImageDataGenerator(rescale=1 / 255), batch_size=8)
    """

    def __init__(self, x, y, image_data_generator, batch_size=32, shuffle=False,
                 sample_weight=None, seed=None, data_format=None, save_to_dir=None,
                 save_prefix="", save_format="png", subset=None, ignore_class_split=False,
                 dtype=None):
        self.dtype = dtype or config.floatx()
        self.data_format = config.standardize_data_format(data_format)
        extras = []
        if isinstance(x, tuple):
            if len(x) != 2:
                raise ValueError("`x` as a tuple must be `(images, [extra arrays])`; received "
                                 f"a tuple of {len(x)} elements.")
            x, extras = x
            extras = [np.asarray(extra) for extra in
                      (extras if isinstance(extras, (list, tuple)) else [extras])]
        x = np.asarray(x)
        if x.ndim != 4:
            raise ValueError("Input data in `NumpyArrayIterator` should have rank 4 (a batch "
                             f"of images); received an array with shape {x.shape}.")
        for label, values in (("y", y), ("sample_weight", sample_weight)):
            if values is not None and len(values) != len(x):
                raise ValueError(
                    f"`x` (images) and `{label}` should have the same length. Found: "
                    f"x.shape = {x.shape}, {label}.shape = {np.shape(values)}")
        for position, extra in enumerate(extras):
            if len(extra) != len(x):
                raise ValueError(f"Extra array {position} in `x` has {len(extra)} samples, "
                                 f"expected {len(x)} like the images.")
        y = None if y is None else np.asarray(y)
        sample_weight = None if sample_weight is None else np.asarray(sample_weight)
        if subset is not None:
            x, y, sample_weight, extras = _select_subset(
                x, y, sample_weight, extras, image_data_generator, subset, ignore_class_split)
        self.x = x.astype(self.dtype, copy=False)
        self.x_misc = extras
        self.y = y
        self.sample_weight = sample_weight
        self.image_data_generator = image_data_generator
        self.save_to_dir = save_to_dir
        self.save_prefix = save_prefix
        self.save_format = save_format
        super().__init__(len(self.x), batch_size, shuffle, seed)

    def _get_batches_of_transformed_samples(self, index_array, rng):
        generator = self.image_data_generator
        if generator is None:
            batch_x = self.x[index_array].copy()
        else:
            batch_x = np.stack([generator._augment(self.x[row], rng) for row in index_array])
            batch_x = batch_x.astype(self.dtype, copy=False)
        if self.save_to_dir:
            self._save_batch(batch_x, index_array, rng)
        inputs = [batch_x] + [extra[index_array] for extra in self.x_misc]
        inputs = inputs[0] if len(inputs) == 1 else inputs
        if self.y is None:
            return inputs
        output = (inputs, self.y[index_array])
        if self.sample_weight is not None:
            output += (self.sample_weight[index_array],)
        return output


def _select_subset(x, y, sample_weight, extras, generator, subset, ignore_class_split):
    if subset not in ("training", "validation"):
        raise ValueError(f"`subset` must be 'training' or 'validation'; received {subset!r}.")
    split = getattr(generator, "_validation_split", 0.0) if generator is not None else 0.0
    if not split:
        raise ValueError("`subset` needs an ImageDataGenerator created with a "
                         "`validation_split` between 0 and 1.")
    split_at = int(len(x) * split)
    part = slice(0, split_at) if subset == "validation" else slice(split_at, None)
    if y is not None and not ignore_class_split:
        classes_all = np.unique(y)
        if (len(np.unique(y[:split_at])) != len(classes_all)
                or len(np.unique(y[split_at:])) != len(classes_all)):
            raise ValueError(
                "Training and validation subsets have different numbers of classes after "
                "the split. If the arrays are sorted by label, shuffle them first (or pass "
                "`ignore_class_split=True`).")
    return (x[part], None if y is None else y[part],
            None if sample_weight is None else sample_weight[part],
            [extra[part] for extra in extras])
