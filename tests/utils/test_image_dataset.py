import numpy as np
import pytest
from PIL import Image

from cornu.trainers.data_adapters import get_data_adapter
from cornu.utils import PyDataset, image_dataset_from_directory


def _make_tree(root, counts=(3, 2), size=(6, 4)):
    """Folders class_a, class_b, ... with solid images whose value encodes (class, index)."""
    pixels = {}
    for class_index, count in enumerate(counts):
        folder = root / f"class_{'abc'[class_index]}"
        folder.mkdir(parents=True)
        for i in range(count):
            value = 40 * class_index + 10 * i + 5
            array = np.full(size + (3,), value, np.uint8)
            Image.fromarray(array).save(folder / f"img_{i}.png")
            pixels[str(folder / f"img_{i}.png")] = value
    (root / "class_a" / "notes.txt").write_text("not an image")
    return pixels


def test_inferred_labels_order_and_pixels(tmp_path, capsys):
    pixels = _make_tree(tmp_path)
    dataset = image_dataset_from_directory(tmp_path, batch_size=2, image_size=(6, 4),
                                           shuffle=False)
    assert "Found 5 files belonging to 2 classes." in capsys.readouterr().out
    assert isinstance(dataset, PyDataset)
    assert dataset.class_names == ["class_a", "class_b"] and len(dataset) == 3
    images, labels = zip(*[dataset[i] for i in range(len(dataset))])
    images, labels = np.concatenate(images), np.concatenate(labels)
    assert images.dtype == np.float32 and images.shape == (5, 6, 4, 3)
    assert labels.dtype == np.int32 and labels.tolist() == [0, 0, 0, 1, 1]
    expected = [pixels[path] for path in dataset.file_paths]
    np.testing.assert_array_equal(images[:, 0, 0, 0], expected)


def test_shuffle_is_seeded_and_reshuffles_each_epoch(tmp_path):
    _make_tree(tmp_path, counts=(6, 6))
    make = lambda: image_dataset_from_directory(tmp_path, batch_size=4, image_size=(3, 3),
                                                seed=7, verbose=False)
    first, second = make(), make()
    assert first.file_paths == second.file_paths
    epoch_1 = np.concatenate([labels for _, labels in first])
    first.on_epoch_end()
    epoch_2 = np.concatenate([labels for _, labels in first])
    assert sorted(epoch_1.tolist()) == sorted(epoch_2.tolist()) == [0] * 6 + [1] * 6
    assert len(list(first)) == 3


@pytest.mark.parametrize("mode, shape, dtype", [("categorical", (5, 2), np.float32),
                                                ("binary", (5, 1), np.float32)])
def test_label_modes(tmp_path, mode, shape, dtype):
    _make_tree(tmp_path)
    dataset = image_dataset_from_directory(tmp_path, label_mode=mode, batch_size=8,
                                           image_size=(2, 2), shuffle=False, verbose=False)
    _, labels = dataset[0]
    assert labels.shape == shape and labels.dtype == dtype
    if mode == "categorical":
        np.testing.assert_array_equal(labels, np.eye(2)[[0, 0, 0, 1, 1]])


def test_no_labels_grayscale_and_channels_first(tmp_path):
    _make_tree(tmp_path)
    dataset = image_dataset_from_directory(tmp_path, labels=None, color_mode="grayscale",
                                           batch_size=8, image_size=(3, 5), shuffle=False,
                                           data_format="channels_first", verbose=False)
    assert dataset[0].shape == (5, 1, 3, 5)


def test_explicit_labels_and_class_names(tmp_path):
    _make_tree(tmp_path)
    dataset = image_dataset_from_directory(tmp_path, labels=[4, 3, 2, 1, 0], batch_size=8,
                                           image_size=(2, 2), shuffle=False, verbose=False)
    assert dataset[0][1].tolist() == [4, 3, 2, 1, 0]
    swapped = image_dataset_from_directory(tmp_path, class_names=["class_b", "class_a"],
                                           batch_size=8, image_size=(2, 2), shuffle=False,
                                           verbose=False)
    assert swapped[0][1].tolist() == [0, 0, 1, 1, 1]


def test_validation_split_subsets_are_disjoint(tmp_path, capsys):
    _make_tree(tmp_path, counts=(5, 5))
    train, val = image_dataset_from_directory(tmp_path, image_size=(2, 2), seed=3,
                                              validation_split=0.3, subset="both")
    assert "Using 7 files for training." in capsys.readouterr().out
    assert len(train.file_paths) == 7 and len(val.file_paths) == 3
    assert not set(train.file_paths) & set(val.file_paths)
    only_val = image_dataset_from_directory(tmp_path, image_size=(2, 2), seed=3,
                                            validation_split=0.3, subset="validation",
                                            verbose=False)
    assert only_val.file_paths == val.file_paths


def test_crop_and_pad_to_aspect_ratio(tmp_path):
    folder = tmp_path / "only"
    folder.mkdir()
    wide = np.zeros((4, 8, 3), np.uint8)
    wide[:, 2:6] = 200
    Image.fromarray(wide).save(folder / "wide.png")
    kwargs = dict(image_size=(4, 4), shuffle=False, verbose=False, interpolation="nearest")
    cropped = image_dataset_from_directory(tmp_path, crop_to_aspect_ratio=True, **kwargs)[0][0]
    np.testing.assert_array_equal(cropped[0, :, :, 0], 200)
    padded = image_dataset_from_directory(tmp_path, pad_to_aspect_ratio=True, **kwargs)[0][0]
    assert padded[0, 0, 0, 0] == 0 and padded[0, 2, 2, 0] == 200


def test_fit_accepts_the_dataset_through_the_adapter(tmp_path):
    _make_tree(tmp_path)
    dataset = image_dataset_from_directory(tmp_path, batch_size=2, image_size=(2, 2),
                                           verbose=False, seed=1)
    adapter = get_data_adapter(dataset, shuffle=True)
    assert adapter.num_batches == 3
    assert sum(batch[0].shape[0] for batch in adapter.get_numpy_iterator()) == 5


def test_errors(tmp_path):
    with pytest.raises(ValueError, match="Directory not found"):
        image_dataset_from_directory(tmp_path / "missing")
    (tmp_path / "empty_class").mkdir()
    with pytest.raises(ValueError, match="No images found"):
        image_dataset_from_directory(tmp_path, verbose=False)
    _make_tree(tmp_path / "tree", counts=(1, 1, 1))
    with pytest.raises(ValueError, match="exactly 2 class_names"):
        image_dataset_from_directory(tmp_path / "tree", label_mode="binary", verbose=False)
    with pytest.raises(ValueError, match="must provide a `seed`"):
        image_dataset_from_directory(tmp_path / "tree", validation_split=0.2, subset="training")
    with pytest.raises(ValueError, match="did not match"):
        image_dataset_from_directory(tmp_path / "tree", class_names=["nope"], verbose=False)
    with pytest.raises(ValueError, match="len\\(labels\\) is 2"):
        image_dataset_from_directory(tmp_path / "tree", labels=[0, 1], verbose=False)
    with pytest.raises(ValueError, match="label_mode"):
        image_dataset_from_directory(tmp_path / "tree", label_mode="sparse")
    with pytest.raises(ValueError, match="image_size"):
        image_dataset_from_directory(tmp_path / "tree", image_size=(0, 3))
