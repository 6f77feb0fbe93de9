import csv

from cornu.callbacks import CSVLogger


def read_rows(path, separator=","):
    with open(path, newline="") as stream:
        return list(csv.reader(stream, delimiter=separator))


def test_one_row_per_epoch_with_sorted_keys(fake_model, drive, tmp_path):
    path = tmp_path / "log.csv"
    drive([CSVLogger(str(path))], fake_model,
          [{"val_loss": 0.5, "loss": 1.0}, {"val_loss": 0.25, "loss": 0.75}])
    assert read_rows(path) == [["epoch", "loss", "val_loss"], ["0", "1.0", "0.5"],
                               ["1", "0.75", "0.25"]]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp")]


def test_keys_appearing_later_get_na_for_earlier_epochs(fake_model, drive, tmp_path):
    path = tmp_path / "log.csv"
    drive([CSVLogger(str(path), separator=";")], fake_model,
          [{"loss": 1.0}, {"loss": 0.5, "val_loss": 0.7}])
    assert read_rows(path, ";") == [["epoch", "loss", "val_loss"], ["0", "1.0", "NA"],
                                    ["1", "0.5", "0.7"]]


def test_append_keeps_existing_rows_without_second_header(make_model, drive, tmp_path):
    path = tmp_path / "log.csv"
    drive([CSVLogger(str(path))], make_model(), [{"loss": 1.0}])
    drive([CSVLogger(str(path), append=True)], make_model(), [{"loss": 0.5}, {"loss": 0.25}])
    assert read_rows(path) == [["epoch", "loss"], ["0", "1.0"], ["0", "0.5"], ["1", "0.25"]]
    drive([CSVLogger(str(path))], make_model(), [{"loss": 2.0}])
    assert read_rows(path) == [["epoch", "loss"], ["0", "2.0"]]


def test_array_values_are_written_as_lists(fake_model, drive, tmp_path):
    import numpy as np

    path = tmp_path / "log.csv"
    drive([CSVLogger(str(path))], fake_model, [{"f1": np.array([0.5, 0.25])}])
    assert read_rows(path) == [["epoch", "f1"], ["0", "[0.5, 0.25]"]]
