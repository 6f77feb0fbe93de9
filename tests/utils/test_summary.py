import glob
import io
import os

import numpy as np
import pytest
from PIL import Image
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.util import tensor_util

from cornu import backend
from cornu.utils import summary


def load(log_dir):
    accumulator = EventAccumulator(log_dir, size_guidance={"scalars": 0, "tensors": 0,
                                                           "histograms": 0})
    accumulator.Reload()
    return accumulator


def test_scalars_histograms_and_text_round_trip(tmp_path):
    writer = summary.create_file_writer(str(tmp_path))
    data = np.random.default_rng(0).normal(size=200).astype("float32")
    with writer.as_default():
        for step, loss in enumerate([2.0, 1.5, 1.0]):
            assert summary.scalar("loss", loss, step=step)
            assert summary.histogram("values", backend.convert_to_tensor(data), step=step,
                                     buckets=10)
            assert summary.text("note", f"loss {loss}", step=step)
    writer.close()
    assert glob.glob(os.path.join(str(tmp_path), "*tfevents*"))
    accumulator = load(str(tmp_path))
    assert [(e.step, e.value) for e in accumulator.Scalars("loss")] == [(0, 2.0), (1, 1.5),
                                                                         (2, 1.0)]
    histogram = accumulator.Histograms("values")[-1].histogram_value
    counts, edges = np.histogram(data.astype("float64"), bins=10)
    np.testing.assert_allclose(histogram.bucket, counts)
    np.testing.assert_allclose(histogram.bucket_limit, edges[1:], rtol=1e-6)
    assert histogram.num == 200 and histogram.min == pytest.approx(float(data.min()))
    assert histogram.sum == pytest.approx(float(data.astype("float64").sum()), rel=1e-6)
    texts = [tensor_util.make_ndarray(e.tensor_proto).reshape(-1)[0]
             for e in accumulator.Tensors("note")]
    assert texts == [b"loss 2.0", b"loss 1.5", b"loss 1.0"]
    assert accumulator.SummaryMetadata("note").plugin_data.plugin_name == "text"


def test_images_are_pngs_with_original_pixels(tmp_path):
    rgb = np.random.default_rng(1).random((4, 5, 6, 3)).astype("float32")
    writer = summary.create_file_writer(str(tmp_path))
    with writer.as_default(step=7):
        assert summary.image("rgb", rgb, max_outputs=2)
        assert summary.image("gray", (rgb[:1, :, :, :1] * 255).astype("uint8"))
    writer.close()
    accumulator = load(str(tmp_path))
    (event,) = accumulator.Tensors("rgb")
    assert event.step == 7
    array = tensor_util.make_ndarray(event.tensor_proto)
    assert array[0] == b"6" and array[1] == b"5" and len(array) == 4
    decoded = np.asarray(Image.open(io.BytesIO(array[3])), dtype="float32") / 255.0
    np.testing.assert_allclose(decoded, rgb[1], atol=1 / 255)
    gray = tensor_util.make_ndarray(accumulator.Tensors("gray")[0].tensor_proto)
    assert Image.open(io.BytesIO(gray[2])).mode == "L"


def test_default_writer_and_step_rules(tmp_path):
    assert summary.scalar("orphan", 1.0, step=0) is False
    writer = summary.create_file_writer(str(tmp_path))
    with writer.as_default():
        with pytest.raises(ValueError, match="summary 'x' needs a step"):
            summary.scalar("x", 1.0)
        summary.experimental.set_step(3)
        assert summary.scalar("x", 1.0)
        summary.experimental.set_step(None)
    writer.set_as_default(step=5)
    assert summary.scalar("y", backend.Variable(2.0))
    writer.flush()
    writer.close()
    with pytest.raises(RuntimeError, match="is closed"):
        writer.write_value(None, 0)
    accumulator = load(str(tmp_path))
    assert [e.step for e in accumulator.Scalars("x")] == [3]
    assert [(e.step, e.value) for e in accumulator.Scalars("y")] == [(5, 2.0)]
    summary.experimental.set_step(None)


def test_bad_data_is_reported(tmp_path):
    writer = summary.create_file_writer(str(tmp_path))
    with writer.as_default(step=0):
        with pytest.raises(ValueError, match=r"scalar\('s'\) expects a single number.*\(2,\)"):
            summary.scalar("s", [1.0, 2.0])
        with pytest.raises(ValueError, match=r"image\('i'\) expects a batch .* \(8, 8\)"):
            summary.image("i", np.zeros((8, 8)))
        with pytest.raises(ValueError, match="float data in \\[0, 1\\] or uint8.*int64"):
            summary.image("i", np.zeros((1, 2, 2, 1), dtype="int64"))
        with pytest.raises(ValueError, match=r"text\('t'\) expects strings"):
            summary.text("t", [1, 2])
        with pytest.raises(ValueError, match="step must be an integer; received \\[1, 2\\]"):
            summary.scalar("s", 1.0, step=[1, 2])
        with pytest.raises(ValueError, match="buckets >= 1"):
            summary.histogram("h", [1.0], buckets=0)
    writer.close()
