"""Dataset loaders, offline: files are pre-placed in a temporary cornu cache."""
import gzip
import pickle
import tarfile
import urllib.error

import numpy as np
import pytest

from cornu import datasets
from cornu.datasets import _loading
from cornu.utils import file_utils


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CORNU_HOME", str(tmp_path))

    def offline(*args, **kwargs):
        raise urllib.error.URLError("network is unreachable")

    monkeypatch.setattr(file_utils.urllib.request, "urlopen", offline)
    folder = tmp_path / "datasets"
    folder.mkdir()
    return folder


def test_digits_is_offline_and_shaped_like_sklearn():
    (x_train, y_train), (x_test, y_test) = datasets.digits.load_data(test_split=0.25, seed=1)
    assert x_train.shape == (1347, 8, 8) and x_test.shape == (450, 8, 8)
    assert x_train.dtype == np.float32 and 0 <= x_train.min() and x_train.max() == 16
    assert set(np.unique(y_train)) == set(range(10)) and y_test.dtype == np.int64
    (again, _), _ = datasets.digits.load_data(test_split=0.25, seed=1)
    np.testing.assert_array_equal(again, x_train)


def test_mnist_offline_error_is_clear(cache):
    with pytest.raises(ConnectionError, match="Could not download .*mnist.npz"):
        datasets.mnist.load_data()


def test_mnist_reads_a_verified_cached_file(cache, monkeypatch):
    np.savez(cache / "mnist.npz", x_train=np.zeros((3, 28, 28), np.uint8),
             y_train=np.arange(3, dtype=np.uint8), x_test=np.ones((2, 28, 28), np.uint8),
             y_test=np.arange(2, dtype=np.uint8))
    monkeypatch.setattr(file_utils, "validate_file", lambda *args, **kwargs: True)
    (x_train, y_train), (x_test, y_test) = datasets.mnist.load_data()
    assert x_train.shape == (3, 28, 28) and y_test.tolist() == [0, 1]


def test_boston_housing_split_is_seeded(cache):
    np.savez(cache / "boston_housing.npz", x=np.arange(20.0).reshape(10, 2), y=np.arange(10.0))
    (x_train, y_train), (x_test, y_test) = datasets.boston_housing.load_data(test_split=0.3)
    assert x_train.shape == (7, 2) and x_test.shape == (3, 2)
    np.testing.assert_array_equal(x_train[:, 0] / 2, y_train)
    order = np.random.RandomState(113).permutation(10)
    assert y_test.tolist() == order[7:].tolist()


def test_fashion_mnist_parses_idx_files(cache):
    folder = cache / "fashion-mnist"
    folder.mkdir()
    for prefix, count in (("train", 3), ("t10k", 2)):
        with gzip.open(folder / f"{prefix}-labels-idx1-ubyte.gz", "wb") as handle:
            handle.write(bytes(8) + bytes(range(count)))
        with gzip.open(folder / f"{prefix}-images-idx3-ubyte.gz", "wb") as handle:
            handle.write(bytes(16) + bytes([7]) * (count * 784))
    (x_train, y_train), (x_test, y_test) = datasets.fashion_mnist.load_data()
    assert x_train.shape == (3, 28, 28) and y_train.tolist() == [0, 1, 2]
    assert x_test.shape == (2, 28, 28) and int(x_test.max()) == 7


def test_cifar100_reads_pickled_batches(cache, tmp_path):
    source = tmp_path / "cifar-100-python"
    source.mkdir()
    for split, count in (("train", 4), ("test", 2)):
        batch = {b"data": np.arange(count * 3072, dtype=np.uint32).astype(np.uint8)
                 .reshape(count, 3072), b"fine_labels": list(range(count)),
                 b"coarse_labels": [0] * count}
        with open(source / split, "wb") as handle:
            pickle.dump(batch, handle)
    with tarfile.open(cache / "cifar-100-python.tar.gz", "w:gz") as archive:
        archive.add(source, arcname="cifar-100-python")
    (x_train, y_train), (x_test, y_test) = datasets.cifar100.load_data()
    assert x_train.shape == (4, 32, 32, 3) and y_train.shape == (4, 1)
    assert y_train.ravel().tolist() == [0, 1, 2, 3]
    (_, coarse), _ = datasets.cifar100.load_data(label_mode="coarse")
    assert coarse.ravel().tolist() == [0, 0, 0, 0]
    with pytest.raises(ValueError, match="label_mode"):
        datasets.cifar100.load_data(label_mode="medium")


def test_word_index_conventions():
    sequences = [[1, 2, 3], [4, 5], [6]]
    shifted, labels = _loading.shift_and_filter(sequences, np.array([0, 1, 0]), maxlen=4,
                                                start_char=1, index_from=3)
    assert shifted == [[1, 7, 8], [1, 9]] and labels.tolist() == [1, 0]
    limited = _loading.limit_vocabulary(shifted, num_words=8, skip_top=0, oov_char=2)
    assert limited == [[1, 7, 2], [1, 2]]
    assert _loading.limit_vocabulary(shifted, 8, 2, None) == [[7], []]
    assert _loading.vocabulary_size(shifted, None) == 10


def test_imdb_processing_on_a_small_cached_file(cache, monkeypatch):
    x_train = _loading.object_array([[1, 2], [3, 4, 5], [6]])
    x_test = _loading.object_array([[7, 8]])
    np.savez(cache / "imdb.npz", x_train=x_train, y_train=np.array([0, 1, 0]),
             x_test=x_test, y_test=np.array([1]))
    monkeypatch.setattr(file_utils, "validate_file", lambda *args, **kwargs: True)
    (train_x, train_y), (test_x, test_y) = datasets.imdb.load_data(num_words=8)
    assert len(train_x) == 3 and train_x.dtype == object
    assert all(seq[0] == 1 and max(seq) < 8 for seq in train_x)
    assert test_x[0] == [1, 2, 2] and test_y.tolist() == [1]
    assert sorted(len(seq) for seq in train_x) == [2, 3, 4]


def test_unknown_dataset_attribute():
    with pytest.raises(AttributeError, match="no attribute 'svhn'"):
        datasets.svhn
