import warnings

import numpy as np
import pytest

from cornu.preprocessing.image import ImageDataGenerator, NumpyArrayIterator
from cornu.trainers.data_adapters import get_data_adapter
from cornu.utils import PyDataset

RNG = np.random.default_rng(0)
X = RNG.integers(0, 17, size=(20, 6, 6, 1)).astype("float32")
Y = np.arange(20) % 4


def test_plain_flow_without_shuffle_is_exact():
    flow = ImageDataGenerator(preprocessing_function=lambda image: image / 16.0).flow(
        X, Y, batch_size=8, shuffle=False)
    assert isinstance(flow, PyDataset) and len(flow) == 3
    batch_x, batch_y = next(flow)
    assert batch_x.dtype == np.float32 and batch_x.shape == (8, 6, 6, 1)
    np.testing.assert_allclose(batch_x, X[:8] / 16.0, atol=1e-6)
    assert batch_y.tolist() == Y[:8].tolist()
    assert next(flow)[1].tolist() == Y[8:16].tolist()
    assert next(flow)[0].shape == (4, 6, 6, 1)
    np.testing.assert_allclose(next(flow)[0], X[:8] / 16.0, atol=1e-6)


def test_rescale_and_x_only_flow():
    batch = ImageDataGenerator(rescale=0.5).flow(X, batch_size=5, shuffle=False)[1]
    np.testing.assert_allclose(batch, X[5:10] * 0.5)


def test_shuffle_covers_every_sample_once_per_epoch():
    flow = ImageDataGenerator().flow(X, Y, batch_size=6, seed=1)
    labels = np.concatenate([flow[i][1] for i in range(len(flow))])
    assert sorted(labels.tolist()) == sorted(Y.tolist())
    assert labels.tolist() != Y.tolist()


def test_augmentation_changes_images_and_is_reproducible_with_seed():
    make = lambda: ImageDataGenerator(rotation_range=30, width_shift_range=2,
                                      height_shift_range=0.2, horizontal_flip=True,
                                      zoom_range=0.2, shear_range=10).flow(
        X, Y, batch_size=10, shuffle=False, seed=5)
    first, second = make(), make()
    np.testing.assert_array_equal(first[0][0], second[0][0])
    assert not np.allclose(first[0][0], X[:10])
    assert first[0][0].min() >= X.min() - 1e-4 and first[0][0].max() <= X.max() + 1e-4
    epoch_1 = first[0][0]
    first.on_epoch_end()
    assert not np.allclose(first[0][0], epoch_1)


def test_horizontal_flip_only_flips():
    generator = ImageDataGenerator(horizontal_flip=True)
    batch = generator.flow(X, batch_size=20, shuffle=False, seed=0)[0]
    for image, original in zip(batch, X):
        assert np.array_equal(image, original) or np.array_equal(image, original[:, ::-1])


def test_apply_transform_shift_matches_numpy_roll():
    image = np.zeros((5, 5, 1), "float32")
    image[2, 2] = 1.0
    generator = ImageDataGenerator(fill_mode="constant")
    moved = generator.apply_transform(image, {"tx": 1, "ty": -1})
    expected = np.zeros_like(image)
    expected[1, 3] = 1.0
    np.testing.assert_allclose(moved, expected, atol=1e-6)


def test_featurewise_statistics_from_fit():
    generator = ImageDataGenerator(featurewise_center=True, featurewise_std_normalization=True)
    generator.fit(X)
    np.testing.assert_allclose(generator.mean, X.mean(axis=(0, 1, 2)).reshape(1, 1, 1),
                               rtol=1e-5)
    batch = generator.flow(X, batch_size=20, shuffle=False)[0]
    assert abs(batch.mean()) < 1e-4 and abs(batch.std() - 1) < 1e-3


def test_featurewise_without_fit_warns():
    generator = ImageDataGenerator(featurewise_center=True)
    with pytest.warns(UserWarning, match="hasn't been fit"):
        generator.standardize(X[0].copy())


def test_zca_whitening_decorrelates():
    data = RNG.normal(size=(200, 2, 2, 1)).astype("float32")
    data[..., 0, 0, 0] += data[..., 1, 1, 0]
    generator = ImageDataGenerator(zca_whitening=True, featurewise_center=True)
    generator.fit(data)
    out = generator.standardize(data.copy()).reshape(200, -1)
    np.testing.assert_allclose(np.cov(out.T, bias=True), np.eye(4), atol=0.05)


def test_validation_split_subsets():
    generator = ImageDataGenerator(validation_split=0.25)
    x = X.copy()
    y = np.tile(np.arange(4), 5)
    val = generator.flow(x, y, batch_size=32, shuffle=False, subset="validation")
    train = generator.flow(x, y, batch_size=32, shuffle=False, subset="training")
    assert val.n == 5 and train.n == 15
    np.testing.assert_allclose(val[0][0], x[:5])
    with pytest.raises(ValueError, match="different numbers of classes"):
        generator.flow(x, np.sort(y), subset="training")


def test_sample_weight_and_extra_inputs():
    flow = ImageDataGenerator().flow((X, [np.arange(20)]), Y, sample_weight=np.ones(20),
                                     batch_size=4, shuffle=False)
    inputs, labels, weights = flow[0]
    assert isinstance(inputs, list) and inputs[1].tolist() == [0, 1, 2, 3]
    assert weights.shape == (4,)


def test_flow_feeds_the_data_adapter():
    flow = ImageDataGenerator(horizontal_flip=True).flow(X, Y, batch_size=8, seed=0)
    adapter = get_data_adapter(flow, shuffle=True)
    assert adapter.num_batches == 3
    assert sum(b[0].shape[0] for b in adapter.get_numpy_iterator()) == 20


def test_errors():
    with pytest.raises(ValueError, match="rank 4"):
        NumpyArrayIterator(np.zeros((4, 4)), None, ImageDataGenerator())
    with pytest.raises(ValueError, match="same length"):
        ImageDataGenerator().flow(X, Y[:5])
    with pytest.raises(ValueError, match="fill_mode"):
        ImageDataGenerator(fill_mode="mirror")
    with pytest.raises(ValueError, match="zoom_range"):
        ImageDataGenerator(zoom_range=[1, 2, 3])
    with pytest.raises(ValueError, match="validation_split"):
        ImageDataGenerator().flow(X, Y, subset="training")
    with pytest.raises(IndexError, match="batch 9"):
        ImageDataGenerator().flow(X, Y, batch_size=8)[9]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ImageDataGenerator(rotation_range=5).random_transform(X[0], seed=1)
