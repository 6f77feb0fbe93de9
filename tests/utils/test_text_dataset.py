import numpy as np
import pytest

from cornu.utils import text_dataset_from_directory
from cornu.utils import io_utils


def _make_texts(root):
    for name, texts in (("neg", ["bad", "awful movie"]), ("pos", ["great", "fine", "superb!"])):
        (root / name).mkdir()
        for i, text in enumerate(texts):
            (root / name / f"{i}.txt").write_text(text, encoding="utf-8")
    (root / "pos" / "image.png").write_bytes(b"x")


def test_texts_and_labels_in_order(tmp_path, capsys):
    _make_texts(tmp_path)
    dataset = text_dataset_from_directory(tmp_path, batch_size=4, shuffle=False, max_length=5)
    assert "Found 5 files belonging to 2 classes." in capsys.readouterr().out
    assert dataset.class_names == ["neg", "pos"] and len(dataset) == 2
    texts, labels = dataset[0]
    assert texts.tolist() == ["bad", "awful", "great", "fine"]
    assert labels.tolist() == [0, 0, 1, 1]
    assert dataset[1][1].tolist() == [1]


def test_label_modes_and_split(tmp_path):
    _make_texts(tmp_path)
    binary = text_dataset_from_directory(tmp_path, label_mode="binary", shuffle=False,
                                         verbose=False)
    assert binary[0][1].shape == (5, 1)
    onehot = text_dataset_from_directory(tmp_path, label_mode="categorical", shuffle=False,
                                         verbose=False)
    np.testing.assert_array_equal(onehot[0][1].sum(axis=1), 1.0)
    train, val = text_dataset_from_directory(tmp_path, validation_split=0.4, subset="both",
                                             seed=2, verbose=False)
    assert len(train.file_paths) == 3 and len(val.file_paths) == 2
    texts_only = text_dataset_from_directory(tmp_path, labels=None, shuffle=False,
                                             verbose=False)
    assert texts_only[0].shape == (5,)


def test_errors(tmp_path):
    with pytest.raises(ValueError, match="label_mode"):
        text_dataset_from_directory(tmp_path, label_mode="sparse")
    (tmp_path / "a").mkdir()
    with pytest.raises(ValueError, match="No text files"):
        text_dataset_from_directory(tmp_path, verbose=False)


def test_interactive_logging_switch(capsys):
    io_utils.print_msg("hello")
    assert capsys.readouterr().out == "hello\n"
    io_utils.disable_interactive_logging()
    try:
        assert not io_utils.is_interactive_logging_enabled()
        io_utils.print_msg("hidden")
        assert capsys.readouterr().out == ""
    finally:
        io_utils.enable_interactive_logging()
    assert io_utils.is_interactive_logging_enabled()
