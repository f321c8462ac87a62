"""Train the "hello world" sine regressor and write the example models bundled in tflm-host.

Regenerate (from the repository root, with tflm-host installed):

    python tools/make_sine_model.py

writes src/tflm_host/examples/sine_float.tflite and src/tflm_host/examples/sine_int8.tflite.

The network is TFLM's classic example: x in [0, 2*pi] -> sin(x), dense 1 -> 16 -> 16 -> 1 with
ReLU on the hidden layers, trained on noisy samples with Adam in plain numpy (fixed seeds, so
every run writes the same bytes on a given numpy build). The int8 model is quantized as the
TFLite converter's full-integer post-training quantization does with a representative
dataset; its float32 arithmetic is reproduced step by step below, so scales and zero points
come out as the converter would write them.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from tflm_host.builder import ModelBuilder

OUT_DIR = Path(__file__).resolve().parent.parent / "src" / "tflm_host" / "examples"
SEED = 1234
HIDDEN = 16
SAMPLES = 10000
NOISE = 0.1
STEPS = 8000
BATCH = 512
LAYERS = ("dense_1", "dense_2", "dense_3")


# -- training (float64, plain numpy) ----------------------------------------------------------
def training_data(rng: np.random.Generator):
    x = rng.uniform(0.0, 2 * np.pi, size=(SAMPLES, 1))
    return x, np.sin(x) + NOISE * rng.standard_normal(size=x.shape)


def init_params(rng: np.random.Generator) -> list[dict]:
    """He-initialized dense layers; weights stored [out, in] as TFLite's FULLY_CONNECTED wants.
    The first layer's ReLU kinks start spread over [0, 2pi]: with zero biases they would all
    sit at x = 0, where the input never crosses them."""
    sizes = [1, HIDDEN, HIDDEN, 1]
    params = [{"w": rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in)), "b": np.zeros(n_out)}
              for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    kinks = rng.uniform(0.0, 2 * np.pi, size=HIDDEN)
    params[0]["b"] = -params[0]["w"][:, 0] * kinks
    return params


def forward(params: list[dict], x: np.ndarray) -> list[np.ndarray]:
    """Every layer's output (post-activation); the last one is the prediction."""
    outs = []
    for i, layer in enumerate(params):
        x = x @ layer["w"].T + layer["b"]
        if i < len(params) - 1:
            x = np.maximum(x, 0.0)
        outs.append(x)
    return outs


def gradients(params: list[dict], x: np.ndarray, y: np.ndarray) -> list[dict]:
    outs = forward(params, x)
    delta = 2.0 * (outs[-1] - y) / len(x)  # d(mean squared error)/d(prediction)
    grads = [None] * len(params)
    for i in reversed(range(len(params))):
        layer_in = x if i == 0 else outs[i - 1]
        grads[i] = {"w": delta.T @ layer_in, "b": delta.sum(axis=0)}
        if i > 0:
            delta = (delta @ params[i]["w"]) * (outs[i - 1] > 0)
    return grads


def train(rng: np.random.Generator) -> list[dict]:
    x, y = training_data(rng)
    params = init_params(rng)
    m = [{k: np.zeros_like(v) for k, v in p.items()} for p in params]
    v = [{k: np.zeros_like(a) for k, a in p.items()} for p in params]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, STEPS + 1):
        lr = 0.01 * 0.5 * (1 + np.cos(np.pi * step / STEPS))  # cosine decay settles the fit
        batch = rng.integers(0, SAMPLES, size=BATCH)
        for p, g, mp, vp in zip(params, gradients(params, x[batch], y[batch]), m, v):
            for k in p:
                mp[k] = beta1 * mp[k] + (1 - beta1) * g[k]
                vp[k] = beta2 * vp[k] + (1 - beta2) * g[k] ** 2
                m_hat = mp[k] / (1 - beta1 ** step)
                v_hat = vp[k] / (1 - beta2 ** step)
                p[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return [{k: a.astype(np.float32) for k, a in p.items()} for p in params]


# -- the converter's post-training quantization, in its float32 arithmetic ---------------------
def _round_half_away(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)  # exact for float32 values
    return np.sign(v) * np.floor(np.abs(v) + 0.5)


def activation_params(lo: float, hi: float) -> tuple[float, int]:
    """Asymmetric int8 (scale, zero_point) from a calibrated range nudged to include 0."""
    lo, hi = np.float32(min(lo, 0.0)), np.float32(max(hi, 0.0))
    scale = np.float32((hi - lo) / np.float32(255))
    zero_point_from_min = np.float32(-128) - lo / scale
    zero_point = int(np.clip(_round_half_away(zero_point_from_min), -128, 127))
    return float(scale), zero_point


def quantize_weights(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric per-channel int8 along dimension 0 (the output channels)."""
    half_range = np.abs(w).max(axis=1).astype(np.float32)
    scales = half_range / np.float32(127)
    with np.errstate(divide="ignore"):
        inverse = np.where(half_range == 0, np.float32(0), np.float32(127) / half_range)
    q = np.clip(_round_half_away(w * inverse[:, None].astype(np.float32)), -127, 127)
    return q.astype(np.int8), scales.astype(np.float32)


def quantize_bias(b: np.ndarray, input_scale: float, weight_scales: np.ndarray):
    """int32 with per-channel scale input_scale * weight_scale, zero point 0."""
    scales = np.float32(input_scale) * weight_scales.astype(np.float32)
    inverse = (1.0 / scales.astype(np.float64)).astype(np.float32)
    limit = np.iinfo(np.int32).max
    # The converter widens the weight scales when a bias would use more than half the int32
    # range; this small network is far from that, and the model must not silently differ.
    if np.any(np.abs(b) >= 0.5 * scales * limit):
        raise RuntimeError("a bias needs the converter's weight scale adjustment")
    q = np.clip(_round_half_away(b.astype(np.float32) * inverse), -limit, limit)
    return q.astype(np.int32), scales


def calibrate(params: list[dict], representative: np.ndarray) -> list[tuple[float, float]]:
    """(min, max) of the input and of every layer's output, from a float32 forward pass (the
    fused ReLU's output is what the calibrator sees)."""
    x = representative.astype(np.float32)
    tensors = [x] + forward(params, x)
    return [(float(t.min()), float(t.max())) for t in tensors]


# -- writing ----------------------------------------------------------------------------------
def _activation(i: int) -> str:
    return "RELU" if i < len(LAYERS) - 1 else "NONE"


def _output_name(i: int) -> str:
    return f"{LAYERS[i]}/relu" if i < len(LAYERS) - 1 else "y"


def float_model(params: list[dict]) -> bytes:
    b = ModelBuilder("tflm-host example: sine regressor, float32")
    x = b.add_input("x", [1, 1], "FLOAT32")
    for i, (name, layer) in enumerate(zip(LAYERS, params)):
        w = b.add_constant(f"{name}/weights", layer["w"])
        bias = b.add_constant(f"{name}/bias", layer["b"])
        y = b.add_tensor(_output_name(i), [1, layer["w"].shape[0]], "FLOAT32")
        b.add_operator("FULLY_CONNECTED", [x, w, bias], [y],
                       fused_activation_function=_activation(i))
        x = y
    b.add_output(x)
    return b.build()


def int8_model(params: list[dict], ranges: list[tuple[float, float]]) -> bytes:
    b = ModelBuilder("tflm-host example: sine regressor, int8 post-training quantized")
    in_scale, in_zp = activation_params(*ranges[0])
    x = b.add_input("x", [1, 1], "INT8", scale=in_scale, zero_point=in_zp)
    for i, (name, layer) in enumerate(zip(LAYERS, params)):
        qw, w_scales = quantize_weights(layer["w"])
        qb, b_scales = quantize_bias(layer["b"], in_scale, w_scales)
        channels = len(w_scales)
        w = b.add_constant(f"{name}/weights", qw, scale=list(w_scales),
                           zero_point=[0] * channels, axis=0)
        bias = b.add_constant(f"{name}/bias", qb, scale=list(b_scales),
                              zero_point=[0] * channels, axis=0)
        out_scale, out_zp = activation_params(*ranges[i + 1])
        y = b.add_tensor(_output_name(i), [1, channels], "INT8", scale=out_scale,
                         zero_point=out_zp)
        b.add_operator("FULLY_CONNECTED", [x, w, bias], [y],
                       fused_activation_function=_activation(i))
        x, in_scale = y, out_scale
    b.add_output(x)
    return b.build()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)

    params = train(np.random.default_rng(SEED))
    representative = np.linspace(0.0, 2 * np.pi, 500).reshape(-1, 1)
    grid = np.linspace(0.0, 2 * np.pi, 1000).reshape(-1, 1)
    error = np.abs(forward(params, grid.astype(np.float32))[-1] - np.sin(grid)).max()
    print(f"trained: max |float prediction - sin(x)| on [0, 2pi] = {error:.4f}")

    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in (("sine_float.tflite", float_model(params)),
                       ("sine_int8.tflite", int8_model(params, calibrate(params, representative)))):
        (args.out_dir / name).write_bytes(data)
        print(f"wrote {args.out_dir / name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
