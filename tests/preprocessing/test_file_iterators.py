import numpy as np
import pandas as pd
import pytest
from PIL import Image

from cornu.preprocessing.image import ImageDataGenerator


@pytest.fixture
def tree(tmp_path):
    rows = []
    for class_index, name in enumerate(["dogs", "cats"]):
        folder = tmp_path / name
        (folder / "nested").mkdir(parents=True)
        for i in range(4):
            target = folder / ("nested" if i == 3 else "") / f"{i}.png"
            Image.fromarray(np.full((4, 6, 3), 50 * class_index + 10 * i, np.uint8)).save(target)
            rows.append((str(target), name))
    (tmp_path / "dogs" / "readme.txt").write_text("skip me")
    return tmp_path, rows


def test_flow_from_directory(tree, capsys):
    root, _ = tree
    flow = ImageDataGenerator(rescale=1 / 255).flow_from_directory(
        root, target_size=(8, 8), batch_size=3, shuffle=False)
    assert "Found 8 images belonging to 2 classes." in capsys.readouterr().out
    assert flow.class_indices == {"cats": 0, "dogs": 1}
    assert flow.samples == 8 and len(flow) == 3 and flow.num_classes == 2
    assert flow.classes.tolist() == [0, 0, 0, 0, 1, 1, 1, 1]
    assert flow.filenames[3].endswith("nested/3.png")
    images, onehot = flow[0]
    assert images.shape == (3, 8, 8, 3) and images.dtype == np.float32
    np.testing.assert_allclose(images[:, 0, 0, 0], np.array([50, 60, 70]) / 255, atol=1e-6)
    np.testing.assert_array_equal(onehot, [[1, 0]] * 3)


@pytest.mark.parametrize("mode, check", [
    ("binary", lambda y, x: y.tolist() == [0.0, 0.0, 0.0, 0.0]),
    ("sparse", lambda y, x: y.dtype == np.float32),
    ("input", lambda y, x: np.array_equal(y, x)),
])
def test_directory_class_modes(tree, mode, check):
    root, _ = tree
    flow = ImageDataGenerator().flow_from_directory(root, target_size=(2, 2), class_mode=mode,
                                                    batch_size=4, shuffle=False)
    images, labels = flow[0]
    assert check(labels, images)


def test_directory_none_mode_grayscale_and_subset(tree):
    root, _ = tree
    generator = ImageDataGenerator(validation_split=0.5)
    train = generator.flow_from_directory(root, target_size=(2, 3), color_mode="grayscale",
                                          class_mode=None, subset="training", shuffle=False)
    val = generator.flow_from_directory(root, target_size=(2, 3), class_mode=None,
                                        subset="validation", shuffle=False)
    assert train[0].shape == (4, 2, 3, 1) and val.samples == 4
    assert not set(train.filenames) & set(val.filenames)


def test_flow_from_dataframe(tree, capsys):
    _, rows = tree
    frame = pd.DataFrame(rows + [("missing.png", "cats")], columns=["path", "label"])
    with pytest.warns(UserWarning, match="1 invalid image filename"):
        flow = ImageDataGenerator().flow_from_dataframe(
            frame, x_col="path", y_col="label", target_size=(4, 6), batch_size=8, shuffle=False)
    assert "Found 8 validated image filenames belonging to 2 classes." in capsys.readouterr().out
    assert flow.class_indices == {"cats": 0, "dogs": 1}
    assert flow.classes.tolist() == [1, 1, 1, 1, 0, 0, 0, 0]
    images, onehot = flow[0]
    np.testing.assert_array_equal(images[:, 0, 0, 0], [0, 10, 20, 30, 50, 60, 70, 80])
    np.testing.assert_array_equal(onehot.argmax(axis=1), flow.classes)


def test_flow_from_dataframe_raw_with_directory_and_weights(tree):
    root, rows = tree
    frame = pd.DataFrame({"file": [str(p).replace(str(root) + "/", "") for p, _ in rows],
                          "score": np.arange(8.0), "weight": np.full(8, 2.0)})
    flow = ImageDataGenerator().flow_from_dataframe(
        frame, directory=str(root), x_col="file", y_col="score", weight_col="weight",
        class_mode="raw", target_size=(2, 2), batch_size=8, shuffle=False)
    images, scores, weights = flow[0]
    assert scores.tolist() == list(range(8)) and weights.tolist() == [2.0] * 8


def test_file_iterator_errors(tree):
    root, rows = tree
    generator = ImageDataGenerator()
    with pytest.raises(ValueError, match="class_mode"):
        generator.flow_from_directory(root, class_mode="raw")
    with pytest.raises(ValueError, match="not a directory"):
        generator.flow_from_directory(root / "nothing")
    frame = pd.DataFrame({"path": [r[0] for r in rows], "label": range(8)})
    with pytest.raises(TypeError, match="column values must be strings"):
        generator.flow_from_dataframe(frame, x_col="path", y_col="label", class_mode="binary")
    with pytest.raises(KeyError, match="'nope'"):
        generator.flow_from_dataframe(frame, x_col="nope", y_col="label")
