"""`cornu.ops` math ops (segments, top-k, FFTs, framing) against NumPy."""
import numpy as np
import pytest

from cornu import ops
from cornu.backend import KerasTensor
from tests.ops.reference import assert_matches, rand


def test_segment_sum_and_max():
    data = rand(5, 2)
    ids = np.array([0, 0, 2, 2, 1], "int32")
    expected_sum = np.stack([data[ids == s].sum(axis=0) for s in range(3)])
    expected_max = np.stack([data[ids == s].max(axis=0) for s in range(3)])
    assert_matches(ops.segment_sum(data, ids), expected_sum, atol=1e-6, dtype="float32")
    assert_matches(ops.segment_max(data, ids), expected_max)
    padded = ops.convert_to_numpy(ops.segment_sum(data, ids, num_segments=4))
    np.testing.assert_allclose(padded[3], 0.0)
    empty_max = ops.convert_to_numpy(ops.segment_max(data, ids, num_segments=4))
    assert np.all(empty_max[3] == -np.inf)
    assert_matches(ops.segment_sum(np.array([1, 2, 3], "int32"), np.array([1, 0, 1])), [2, 4],
                   dtype="int32")
    with pytest.raises(ValueError, match="segment_ids"):
        ops.segment_sum(data, np.array([0, 1]))


def test_top_k_and_in_top_k():
    x = np.array([[0.1, 0.9, 0.5, 0.7], [3.0, 1.0, 2.0, 0.0]], "float32")
    values, indices = ops.top_k(x, 2)
    assert_matches(values, [[0.9, 0.7], [3.0, 2.0]])
    assert_matches(indices, [[1, 3], [0, 2]], dtype="int32")
    assert_matches(ops.in_top_k(np.array([3, 1]), x, 2), [True, False], dtype="bool")
    with pytest.raises(ValueError, match="larger"):
        ops.top_k(x, 5)


def test_logsumexp_special_functions_and_logdet():
    x = rand(3, 4)
    expected = np.log(np.exp(x.astype("float64")).sum(axis=1))
    assert_matches(ops.logsumexp(x, axis=1), expected, atol=1e-5)
    assert_matches(ops.rsqrt(np.array([4.0, 0.25], "float32")), [0.5, 2.0])
    assert_matches(ops.erf(np.array([0.0, 0.5], "float32")), [0.0, 0.5204998778], atol=1e-6)
    spd = np.array([[4.0, 1.0], [1.0, 3.0]], "float32")
    assert_matches(ops.logdet(spd), np.log(np.linalg.det(spd)), atol=1e-5)


def test_extract_sequences():
    x = np.arange(10, dtype="float32").reshape(1, 10)
    frames = np.stack([x[:, i:i + 4] for i in range(0, 7, 3)], axis=1)
    assert_matches(ops.extract_sequences(x, 4, 3), frames)


def test_ffts():
    real, imag = rand(2, 8), rand(2, 8)
    expected = np.fft.fft(real + 1j * imag)
    assert_matches(ops.fft((real, imag)), [expected.real, expected.imag], atol=1e-4)
    image_real, image_imag = rand(4, 4), rand(4, 4)
    expected = np.fft.fft2(image_real + 1j * image_imag)
    assert_matches(ops.fft2((image_real, image_imag)), [expected.real, expected.imag], atol=1e-4)
    inverse = ops.ifft2(ops.fft2((image_real, image_imag)))
    assert_matches(inverse, [image_real, image_imag], atol=1e-5)
    signal = rand(3, 8)
    expected = np.fft.rfft(signal)
    assert_matches(ops.rfft(signal), [expected.real, expected.imag], atol=1e-4)
    assert_matches(ops.irfft(ops.rfft(signal)), signal, atol=1e-5)
    assert_matches(ops.rfft(signal, fft_length=6)[0], np.fft.rfft(signal, n=6).real, atol=1e-4)


def test_symbolic_math_shapes():
    values, indices = ops.top_k(KerasTensor((None, 6)), 3)
    assert values.shape == (None, 3) and indices.dtype == "int32"
    summed = ops.segment_sum(KerasTensor((None, 2)), KerasTensor((None,), "int32"),
                             num_segments=5)
    assert summed.shape == (5, 2)
    assert ops.logsumexp(KerasTensor((None, 6)), axis=-1).shape == (None,)


def test_stft_matches_documented_example_and_numpy():
    real, imag = ops.stft(np.arange(5, dtype="float32"), 3, 2, 3)
    assert_matches(real, [[0.75, -0.375], [3.75, -1.875], [5.25, -2.625]], atol=1e-5)
    assert_matches(imag, [[0.0, 0.649519], [0.0, 0.649519], [0.0, -0.649519]], atol=1e-5)
    signal = rand(2, 20)
    real, imag = ops.stft(signal, 4, 3, 6, window="hamming", center=False)
    window = np.pad(0.54 - 0.46 * np.cos(2 * np.pi * np.arange(4) / 4), (1, 1))
    frames = np.stack([signal[:, i:i + 6] for i in range(0, 15, 3)], axis=1) * window
    expected = np.fft.rfft(frames, axis=-1)
    assert_matches(real, expected.real, atol=1e-4)
    assert_matches(imag, expected.imag, atol=1e-4)


def test_istft_inverts_stft():
    signal = rand(2, 32)
    spectrum = ops.stft(signal, 8, 2, 8)
    restored = ops.istft(spectrum, 8, 2, 8, length=32)
    assert_matches(restored, signal, atol=1e-4)
    spectrum = ops.stft(signal, 6, 2, 8, window=None, center=False)
    restored = ops.convert_to_numpy(ops.istft(spectrum, 6, 2, 8, window=None, center=False))
    np.testing.assert_allclose(restored[:, 1:-1], signal[:, 1:restored.shape[1] - 1], atol=1e-4)
    with pytest.raises(ValueError, match="window"):
        ops.stft(signal, 8, 2, 8, window="blackmanharris")
