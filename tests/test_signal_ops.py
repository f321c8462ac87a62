"""TFLM's signal library custom ops (SignalWindow ... SignalFilterBankLog), CAST, DIV,
MINIMUM and MAXIMUM against the oracle, on models built here and on the two micro_speech
audio preprocessors; plus the FlexBuffers options reader and the errors invalid models raise."""
import numpy as np
import pytest
from flatbuffers import flexbuffers

import tflm_host
from oracle import assert_matches_oracle, assert_same_outputs, run_host, run_oracle, shared_model
from tflm_host._schema.flexbuffers import FlexBuffersError, read_map, read_root
from tflm_host.builder import ModelBuilder
from tflm_host.errors import InvokeError, PrepareError

TYPE_CODES = {"FLOAT32": 0, "INT32": 2, "INT16": 7}
NP = {"INT8": np.int8, "INT16": np.int16, "INT32": np.int32, "UINT32": np.uint32,
      "UINT64": np.uint64, "INT64": np.int64, "FLOAT32": np.float32, "BOOL": np.bool_}


def _custom_model(op, inputs, outputs, options=None, constants=None):
    """One custom op. inputs/outputs: (name, shape, dtype); constants: name -> array."""
    b = ModelBuilder()
    constants = constants or {}
    ins = [b.add_constant(n, constants[n]) if n in constants else b.add_input(n, s, d)
           for n, s, d in inputs]
    outs = [b.add_tensor(n, s, d) for n, s, d in outputs]
    blob = flexbuffers.Dumps(options) if options is not None else None
    b.add_operator(op, ins, outs, custom_options=blob)
    for o in outs:
        b.add_output(o)
    return b.build()


def _ints(rng, dtype, shape, low=None, high=None):
    info = np.iinfo(NP[dtype])
    low = info.min if low is None else low
    high = info.max if high is None else high
    return rng.integers(low, high, size=shape, endpoint=True, dtype=np.int64).astype(NP[dtype])


# -- FlexBuffers ------------------------------------------------------------------------------
FLEX_VALUES = [
    {"shift": 12},
    {"T": 7, "fft_length": 512},
    {"a": -1, "b": 2**40, "c": 2.5, "d": "text", "e": True, "f": None},
    {"nested": {"x": [1, 2, 3], "y": [1.5, -2.0]}, "mixed": [1, "two", 3.0, False]},
    {"big": 2**63 - 1, "neg": -2**63, "bools": [True, False, True]},
    {},
]


@pytest.mark.parametrize("value", FLEX_VALUES)
def test_flexbuffers_reader_roundtrips_the_reference_writer(value):
    assert read_map(flexbuffers.Dumps(value)) == flexbuffers.Loads(flexbuffers.Dumps(value))


def test_flexbuffers_reader_rejects_malformed_bytes():
    blob = flexbuffers.Dumps({"alpha": 1, "beta": [1, 2, 3], "gamma": "s"})
    for cut in range(len(blob)):
        try:
            read_root(blob[cut:])
        except FlexBuffersError:
            pass
    rng = np.random.default_rng(0)
    for _ in range(2000):
        junk = bytes(rng.integers(0, 256, size=rng.integers(0, 40), dtype=np.uint8))
        try:
            read_root(junk)
        except FlexBuffersError:
            pass
    with pytest.raises(FlexBuffersError):
        read_map(flexbuffers.Dumps([1, 2]))
    with pytest.raises(FlexBuffersError):
        read_map(b"\x01")


def test_custom_options_reach_the_model_as_options():
    model = tflm_host.load_model(shared_model("micro_speech/audio_preprocessor_int8.tflite"))
    by_name = {op.op_name: op for op in model.main.operators}
    assert dict(by_name["SignalRfft"].options) == {"T": 7, "fft_length": 512}
    assert by_name["SignalRfft"].options_table == "flexbuffers"
    assert dict(by_name["SignalEnergy"].options) == {"end_index": 241, "start_index": 5}
    assert by_name["SignalFilterBankSpectralSubtraction"].options["clamping"] is False


def test_custom_options_vectors_and_maps_are_read_only():
    model = _custom_model("SignalWindow", [("x", [4], "INT16"), ("w", [4], "INT16")],
                          [("y", [4], "INT16")], {"shift": 1, "v": [1, 2], "m": {"k": [0.5]}})
    options = tflm_host.load_model(model).main.operators[0].options
    assert options["v"] == (1, 2) and options["m"]["k"] == (0.5,)
    with pytest.raises(TypeError):
        options["m"]["k"] = 1
    # Bytes that are no FlexBuffers map (an NPU's command stream, say) leave no options.
    b = ModelBuilder()
    x = b.add_input("x", [4], "INT8")
    y = b.add_tensor("y", [4], "INT8")
    b.add_operator("ethos-u", [x], [y], custom_options=b"\x00\x01\x02\x03 not flexbuffers")
    b.add_output(y)
    op = tflm_host.load_model(b.build()).main.operators[0]
    assert dict(op.options) == {} and op.options_table is None


# -- the audio preprocessors ------------------------------------------------------------------
def _audio_frames(rng, count):
    """Frames of a noisy chirp, silence and full-scale noise: every branch of the ops."""
    t = np.arange(480 * count) / 16000.0
    chirp = 8000 * np.sin(2 * np.pi * (200 + 3000 * t) * t) + rng.normal(0, 300, t.size)
    frames = [np.clip(chirp[i * 480:(i + 1) * 480], -32768, 32767).astype(np.int16)
              for i in range(count)]
    frames[1] = np.zeros(480, np.int16)
    frames[2] = _ints(rng, "INT16", 480)
    return [[f.reshape(1, 480)] for f in frames]


@pytest.mark.parametrize("kind", ["int8", "float"])
def test_audio_preprocessor_matches_oracle_over_sequential_invokes(kind):
    path = shared_model(f"micro_speech/audio_preprocessor_{kind}.tflite")
    assert_matches_oracle(path, _audio_frames(np.random.default_rng(1), 12))


def test_audio_preprocessor_reset_clears_the_noise_estimate():
    path = shared_model("micro_speech/audio_preprocessor_int8.tflite")
    frames = _audio_frames(np.random.default_rng(2), 6)
    interp = tflm_host.Interpreter(path)

    def run():
        out = []
        for (frame,) in frames:
            interp.set_input(frame, 0)
            interp.invoke()
            out.append(interp.get_output(0).copy())
        return out

    first = run()
    assert not np.array_equal(run(), first)  # state carried over
    interp.reset()
    np.testing.assert_array_equal(run(), first)


def test_audio_preprocessor_state_is_in_the_arena():
    interp = tflm_host.Interpreter(shared_model("micro_speech/audio_preprocessor_int8.tflite"))
    # 40 uint32 noise estimates, 16-byte aligned, after the planned head.
    assert interp._runtime.persistent_bytes == 160


# -- each signal op ---------------------------------------------------------------------------
@pytest.mark.parametrize("shift", [0, 12, 15])
def test_window_matches_oracle(shift):
    rng = np.random.default_rng(shift)
    model = _custom_model("SignalWindow", [("x", [3, 64], "INT16"), ("w", [64], "INT16")],
                          [("y", [3, 64], "INT16")], {"shift": shift},
                          {"w": _ints(rng, "INT16", 64)})
    assert_matches_oracle(model, invokes=2, seed=shift)


def test_fft_auto_scale_matches_oracle():
    model = _custom_model("SignalFftAutoScale", [("x", [480], "INT16")],
                          [("y", [480], "INT16"), ("bits", [], "INT32")], {})
    rng = np.random.default_rng(3)
    sets = [[_ints(rng, "INT16", 480, -amp, amp)] for amp in (0, 1, 100, 3000, 32767)]
    sets.append([np.full(480, -32768, np.int16)])
    sets.append([_ints(rng, "INT16", 480)])
    assert_matches_oracle(model, sets)


RFFT_CASES = [  # (type, fft_length, frame length): radix 4 and 2, 3, 5 and their mixes
    ("INT16", 512, 480), ("INT16", 64, 64), ("INT16", 96, 90), ("INT16", 80, 80),
    ("INT16", 120, 100), ("INT16", 4, 3), ("INT32", 512, 480), ("INT32", 96, 96),
    ("INT32", 80, 77), ("FLOAT32", 512, 480), ("FLOAT32", 120, 120), ("FLOAT32", 160, 150),
]


@pytest.mark.parametrize("dtype,fft_length,length", RFFT_CASES)
def test_rfft_matches_oracle(dtype, fft_length, length):
    rng = np.random.default_rng(fft_length + length)
    model = _custom_model("SignalRfft", [("x", [2, length], dtype)],
                          [("y", [2, fft_length + 2], dtype)],
                          {"T": TYPE_CODES[dtype], "fft_length": fft_length})
    if dtype == "FLOAT32":
        sets = [[rng.uniform(-1000, 1000, (2, length)).astype(np.float32)] for _ in range(3)]
    else:
        sets = [[_ints(rng, dtype, (2, length))], [_ints(rng, dtype, (2, length), -300, 300)],
                [np.full((2, length), np.iinfo(NP[dtype]).min, NP[dtype])]]
    assert_matches_oracle(model, sets)


def _kiss_supported(fft_length):
    half = fft_length // 2
    for p in (2, 3, 5):
        while half % p == 0:
            half //= p
    return fft_length >= 4 and fft_length % 2 == 0 and half == 1


@pytest.mark.parametrize("dtype", ["INT16", "INT32", "FLOAT32"])
def test_rfft_every_supported_length_up_to_256(dtype):
    rng = np.random.default_rng(11)
    for fft_length in [n for n in range(4, 257) if _kiss_supported(n)]:
        length = fft_length - int(rng.integers(0, 3))
        model = _custom_model("SignalRfft", [("x", [length], dtype)],
                              [("y", [fft_length + 2], dtype)],
                              {"T": TYPE_CODES[dtype], "fft_length": fft_length})
        x = (rng.uniform(-1e4, 1e4, length).astype(np.float32) if dtype == "FLOAT32"
             else _ints(rng, dtype, length))
        assert_matches_oracle(model, [[x]])


def test_energy_matches_oracle_in_its_range():
    rng = np.random.default_rng(4)
    model = _custom_model("SignalEnergy", [("x", [514], "INT16")], [("y", [257], "UINT32")],
                          {"end_index": 241, "start_index": 5})
    sets = [[_ints(rng, "INT16", 514)], [np.full(514, -32768, np.int16)]]
    expected = run_oracle(model, sets)
    for variant in ("reference", "optimized"):
        got = run_host(model, sets, variant)
        for g, e in zip(got, expected):  # bins outside [start, end) are not written
            np.testing.assert_array_equal(g[0][5:241], e[0][5:241])


def _filter_bank_tables(rng, channels, bins):
    edges = np.sort(rng.choice(np.arange(1, bins - 1), size=channels + 1, replace=False))
    starts = np.concatenate([[0], edges[:-1]]).astype(np.int16)
    widths = np.diff(np.concatenate([starts, [edges[-1]]])).astype(np.int16)
    weight_starts = np.concatenate([[0], np.cumsum(widths)[:-1]]).astype(np.int16)
    total = int(widths.sum())
    weights = _ints(rng, "INT16", total, 0, 4096)
    unweights = (4096 - weights).astype(np.int16)
    return {"w": weights, "u": unweights, "fs": starts, "ws": weight_starts, "cw": widths}


@pytest.mark.parametrize("channels", [1, 8, 40])
def test_filter_bank_matches_oracle(channels):
    rng = np.random.default_rng(channels)
    tables = _filter_bank_tables(rng, channels, 257)
    inputs = [("x", [257], "UINT32")] + [(n, [len(tables[n])], "INT16") for n in tables]
    model = _custom_model("SignalFilterBank", inputs, [("y", [channels], "UINT64")],
                          {"num_channels": channels}, tables)
    sets = [[_ints(rng, "UINT32", 257)], [_ints(rng, "UINT32", 257, 0, 1000)]]
    assert_matches_oracle(model, sets)


def test_filter_bank_square_root_matches_oracle():
    rng = np.random.default_rng(5)
    model = _custom_model("SignalFilterBankSquareRoot",
                          [("x", [40], "UINT64"), ("bits", [], "INT32")],
                          [("y", [40], "UINT32")], {})
    sets = []
    for bits in (0, 3, 15):
        x = rng.integers(0, 2**63, size=40, dtype=np.uint64) >> rng.integers(0, 63, 40).astype(np.uint64)
        x[:4] = [0, 1, 2**32 - 1, 2**64 - 1]
        sets.append([x, np.array(bits, np.int32)])
    assert_matches_oracle(model, sets)


SPECTRAL_OPTIONS = {"alternate_one_minus_smoothing": 15401, "alternate_smoothing": 983,
                    "clamping": False, "min_signal_remaining": 819, "num_channels": 40,
                    "one_minus_smoothing": 15975, "smoothing": 409, "smoothing_bits": 10,
                    "spectral_subtraction_bits": 14}


@pytest.mark.parametrize("clamping", [False, True])
def test_spectral_subtraction_keeps_state_like_oracle(clamping):
    model = _custom_model("SignalFilterBankSpectralSubtraction", [("x", [40], "UINT32")],
                          [("y", [40], "UINT32"), ("noise", [40], "UINT32")],
                          dict(SPECTRAL_OPTIONS, clamping=clamping))
    rng = np.random.default_rng(6)
    levels = [4000, 4000, 100, 2**21, 0, 50, 4000, 2**21]
    sets = [[_ints(rng, "UINT32", 40, 0, level)] for level in levels]
    assert_matches_oracle(model, sets)


def test_pcan_matches_oracle():
    path = shared_model("micro_speech/audio_preprocessor_int8.tflite")
    graph = tflm_host.load_model(path).main
    op = next(o for o in graph.operators if o.op_name == "SignalPCAN")
    lut = graph.tensors[op.inputs[2]].data.view(np.int16).copy()
    model = _custom_model("SignalPCAN", [("x", [40], "UINT32"), ("noise", [40], "UINT32"),
                                         ("lut", [125], "INT16")],
                          [("y", [40], "UINT32")], {"snr_shift": 6}, {"lut": lut})
    rng = np.random.default_rng(7)
    sets = []
    for level in (3, 1000, 2**20, 2**32 - 1):
        noise = _ints(rng, "UINT32", 40, 0, level)
        noise[:3] = [0, 1, 2]
        sets.append([_ints(rng, "UINT32", 40, 0, level), noise])
    assert_matches_oracle(model, sets)


@pytest.mark.parametrize("bits,scale", [(3, 64), (0, 1 << 16), (5, 1000)])
def test_filter_bank_log_matches_oracle(bits, scale):
    model = _custom_model("SignalFilterBankLog", [("x", [40], "UINT32")],
                          [("y", [40], "INT16")],
                          {"input_correction_bits": bits, "output_scale": scale})
    rng = np.random.default_rng(bits)
    x = _ints(rng, "UINT32", 40, 0, 2**32 - 1) >> rng.integers(0, 32, 40).astype(np.uint32)
    x[:4] = [0, 1, 2, 2**32 - 1]
    assert_matches_oracle(model, [[x], [_ints(rng, "UINT32", 40, 0, 100)]])


# -- errors ------------------------------------------------------------------------------------
def test_signal_ops_reject_invalid_models():
    def prepare_fails(model, match):
        with pytest.raises(PrepareError, match=match):
            tflm_host.Interpreter(model)

    prepare_fails(_custom_model("SignalWindow", [("x", [64], "INT16"), ("w", [64], "INT16")],
                                [("y", [64], "INT16")], {}), "'shift' is missing")
    prepare_fails(_custom_model("SignalRfft", [("x", [100], "INT16")], [("y", [114], "INT16")],
                                {"T": 7, "fft_length": 112}), "fft_length 112")
    prepare_fails(_custom_model("SignalRfft", [("x", [100], "INT16")], [("y", [66], "INT16")],
                                {"T": 7, "fft_length": 64}), "do not fit")
    prepare_fails(_custom_model("SignalRfft", [("x", [64], "INT16")], [("y", [66], "INT16")],
                                {"fft_length": 64}), "input must be FLOAT32")
    prepare_fails(_custom_model("SignalEnergy", [("x", [64], "INT16")], [("y", [33], "UINT32")],
                                {"end_index": 40, "start_index": 0}), "end_index 40")
    prepare_fails(_custom_model("SignalPCAN", [("x", [4], "UINT32"), ("n", [4], "UINT32"),
                                               ("l", [100], "INT16")],
                                [("y", [4], "UINT32")], {"snr_shift": 6}), "gain table")
    tables = _filter_bank_tables(np.random.default_rng(0), 4, 32)
    tables["cw"] = tables["cw"].copy()
    tables["cw"][-1] = 100
    inputs = [("x", [32], "UINT32")] + [(n, [len(tables[n])], "INT16") for n in tables]
    prepare_fails(_custom_model("SignalFilterBank", inputs, [("y", [4], "UINT64")],
                                {"num_channels": 4}, tables), "reads spectrum bins")
    prepare_fails(_custom_model("SignalFilterBankLog", [("x", [4], "UINT32")],
                                [("y", [4], "INT16")], {"output_scale": 3}),
                  "'input_correction_bits' is missing")


# -- CAST, DIV, MINIMUM, MAXIMUM ---------------------------------------------------------------
CAST_TYPES = ["INT8", "INT16", "INT32", "UINT32", "FLOAT32", "BOOL"]


def _values(dtype, rng, shape, small=False):
    if dtype == "FLOAT32":
        return rng.uniform(-100.0 if small else -3e4, 100.0 if small else 3e4, shape).astype(np.float32)
    if dtype == "BOOL":
        return rng.integers(0, 2, shape).astype(bool)
    return _ints(rng, dtype, shape)


# Out-of-range and special values: integers wrap, floats saturate and NaN becomes 0.
CAST_EDGES = {
    "FLOAT32": [np.nan, np.inf, -np.inf, 300.5, -1.5, -0.9, 70000.7, 3e9, -3e9, 1e20,
                2147483648.0, 4294967295.0, 255.9, 0.0],
    "INT32": [300, -300, 70000, -70000, 2**31 - 1, -2**31, -1, 128, 0, 1, 2, 3, 4, 5],
    "UINT32": [300, 2**31, 2**32 - 1, 70000, 128, 255, 32768, 0, 1, 2, 3, 4, 5, 6],
    "INT16": [300, -300, 32767, -32768, -1, 128, 127, -129, 0, 1, 2, 3, 4, 5],
    "INT8": [-128, -1, 127, 0, 5, -5, 1, 2, 3, 4, 6, 7, 8, 9],
    "BOOL": [True, False] * 7,
}


@pytest.mark.parametrize("source", CAST_TYPES)
@pytest.mark.parametrize("target", CAST_TYPES)
def test_cast_matches_oracle(source, target):
    b = ModelBuilder()
    x = b.add_input("x", [2, 7], source)
    y = b.add_tensor("y", [2, 7], target)
    b.add_operator("CAST", [x], [y])
    b.add_output(y)
    rng = np.random.default_rng(len(source) * 7 + len(target))
    sets = [[_values(source, rng, (2, 7))], [_values(source, rng, (2, 7), small=True)],
            [np.array(CAST_EDGES[source], NP[source]).reshape(2, 7)]]
    assert_matches_oracle(b.build(), sets)


def _binary(op, dtype, shape1, shape2, quant=None, **options):
    q = quant or [{}, {}, {}]
    b = ModelBuilder()
    x = b.add_input("x", shape1, dtype, **q[0])
    y = b.add_input("y", shape2, dtype, **q[1])
    z = b.add_tensor("z", list(np.broadcast_shapes(tuple(shape1), tuple(shape2))), dtype, **q[2])
    b.add_operator(op, [x, y], [z], **options)
    b.add_output(z)
    return b.build()


MINMAX_SHAPES = [([2, 3, 4], [2, 3, 4]), ([2, 3, 4], [4]), ([3, 1], [1, 5]), ([4], []),
                 ([1, 2, 1, 3, 1], [2, 1, 4, 1, 2]), ([2, 1, 2, 1, 2, 3], [1, 2, 1, 2, 1, 3])]


@pytest.mark.parametrize("op", ["MINIMUM", "MAXIMUM"])
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16", "INT32", "INT64"])
@pytest.mark.parametrize("shapes", MINMAX_SHAPES)
def test_minimum_maximum_match_oracle(op, dtype, shapes):
    rng = np.random.default_rng(3)
    model = _binary(op, dtype, *shapes)
    sets = [[_values(dtype, rng, s) if dtype != "INT64" else
             rng.integers(-2**62, 2**62, size=s, dtype=np.int64) for s in shapes]]
    assert_matches_oracle(model, sets)


@pytest.mark.parametrize("op", ["MINIMUM", "MAXIMUM"])
def test_minimum_maximum_nan_and_infinity_like_oracle(op):
    values = np.array([np.nan, 1.0, np.nan, -np.inf, np.inf, 0.0, -0.0, 2.0], np.float32)
    assert_matches_oracle(_binary(op, "FLOAT32", [8], [8]), [[values, values[::-1].copy()]])


DIV_SHAPES = [([2, 3, 4], [2, 3, 4]), ([2, 3, 4], [4]), ([3, 1], [1, 5]), ([4], []),
              ([2, 1, 2, 1, 2, 3], [1, 2, 1, 2, 1, 3])]


@pytest.mark.parametrize("shapes", DIV_SHAPES)
@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"])
def test_div_float_and_int32_match_oracle(shapes, activation):
    rng = np.random.default_rng(8)
    for dtype in ("FLOAT32", "INT32"):
        model = _binary("DIV", dtype, *shapes, fused_activation_function=activation)
        a = _values(dtype, rng, shapes[0], small=True)
        bvals = _values(dtype, rng, shapes[1], small=True)
        if dtype == "INT32":
            a = (a % 2000 - 1000).astype(np.int32)
            bvals = np.where((bvals % 19 - 9) == 0, 7, bvals % 19 - 9).astype(np.int32)
        assert_matches_oracle(model, [[a, bvals]])


INT8_DIV_QUANT = [
    [dict(scale=0.05, zero_point=-3), dict(scale=0.08, zero_point=7), dict(scale=0.1, zero_point=2)],
    [dict(scale=0.5, zero_point=0), dict(scale=0.01, zero_point=-128), dict(scale=2.0, zero_point=10)],
    [dict(scale=0.002, zero_point=100), dict(scale=0.3, zero_point=0), dict(scale=0.0001, zero_point=-5)],
]


@pytest.mark.parametrize("quant", INT8_DIV_QUANT)
@pytest.mark.parametrize("shapes", DIV_SHAPES)
def test_div_int8_matches_oracle(quant, shapes):
    rng = np.random.default_rng(9)
    model = _binary("DIV", "INT8", *shapes, quant=quant, fused_activation_function="RELU")
    zero = quant[1]["zero_point"]
    a = _ints(rng, "INT8", shapes[0])
    bvals = _ints(rng, "INT8", shapes[1])
    bvals = np.where(bvals == zero, zero + 1 if zero < 127 else zero - 1, bvals).astype(np.int8)
    assert_matches_oracle(model, [[a, bvals]])


def test_div_int32_by_zero_is_an_invoke_error():
    interp = tflm_host.Interpreter(_binary("DIV", "INT32", [3], [3]))
    interp.set_input(np.array([1, 2, 3], np.int32), 0)
    interp.set_input(np.array([1, 0, 3], np.int32), 1)
    with pytest.raises(InvokeError, match="division by zero"):
        interp.invoke()


def test_cast_minmax_div_reject_unsupported_types():
    for op, dtype in (("DIV", "INT16"), ("MINIMUM", "UINT32"), ("MAXIMUM", "BOOL")):
        with pytest.raises((PrepareError, tflm_host.UnsupportedOpError)):
            tflm_host.Interpreter(_binary(op, dtype, [2], [2]))
    b = ModelBuilder()
    x = b.add_input("x", [2], "INT64")
    y = b.add_tensor("y", [2], "INT32")
    b.add_operator("CAST", [x], [y])
    b.add_output(y)
    with pytest.raises((PrepareError, tflm_host.UnsupportedOpError)):
        tflm_host.Interpreter(b.build())


# -- the other stateful signal ops: IRFFT, delay, framer, stacker, overlap-add -----------------
@pytest.mark.parametrize("dtype", ["INT16", "INT32", "FLOAT32"])
def test_irfft_every_supported_length_up_to_256(dtype):
    rng = np.random.default_rng(12)
    for fft_length in [n for n in range(4, 257) if _kiss_supported(n)]:
        bins = fft_length + 2 + 2 * int(rng.integers(0, 2))  # frames may hold extra bins
        model = _custom_model("SignalIrfft", [("x", [2, bins], dtype)],
                              [("y", [2, fft_length], dtype)],
                              {"T": TYPE_CODES[dtype], "fft_length": fft_length})
        x = (rng.uniform(-1e3, 1e3, (2, bins)).astype(np.float32) if dtype == "FLOAT32"
             else _ints(rng, dtype, (2, bins)))
        assert_matches_oracle(model, [[x]])


def test_rfft_then_irfft_round_trips():
    b = ModelBuilder()
    x = b.add_input("x", [256], "FLOAT32")
    spectrum = b.add_tensor("spectrum", [258], "FLOAT32")
    y = b.add_tensor("y", [256], "FLOAT32")
    options = flexbuffers.Dumps({"T": 0, "fft_length": 256})
    b.add_operator("SignalRfft", [x], [spectrum], custom_options=options)
    b.add_operator("SignalIrfft", [spectrum], [y], custom_options=options)
    b.add_output(y)
    signal = np.random.default_rng(13).uniform(-1, 1, 256).astype(np.float32)
    interp = tflm_host.Interpreter(b.build())
    interp.set_input(signal, 0)
    interp.invoke()
    np.testing.assert_allclose(interp.get_output(0), signal, atol=1e-5)


def _stream(rng, invokes, shape):
    return [[_ints(rng, "INT16", shape)] for _ in range(invokes)]


@pytest.mark.parametrize("delay", [0, 3, 10, 25])
def test_delay_matches_oracle_across_invokes(delay):
    model = _custom_model("SignalDelay", [("x", [2, 10], "INT16")], [("y", [2, 10], "INT16")],
                          {"delay_length": delay})
    assert_matches_oracle(model, _stream(np.random.default_rng(delay), 5, (2, 10)))


@pytest.mark.parametrize("size,step,prefill", [(6, 2, False), (6, 2, True), (5, 2, True),
                                               (4, 4, True), (3, 4, False), (7, 3, False)])
def test_framer_matches_oracle_across_invokes(size, step, prefill):
    n_frames = 2
    model = _custom_model("SignalFramer", [("x", [3, step * n_frames], "INT16")],
                          [("y", [3, n_frames, size], "INT16"), ("valid", [], "BOOL")],
                          {"frame_size": size, "frame_step": step, "prefill": prefill})
    sets = _stream(np.random.default_rng(size * step), 6, (3, step * n_frames))
    expected = run_oracle(model, sets)
    for variant in ("reference", "optimized"):
        got = run_host(model, sets, variant)
        for (frames, valid), (want_frames, want_valid) in zip(got, expected):
            assert valid == want_valid
            if want_valid:  # frames that were not ready are left untouched
                np.testing.assert_array_equal(frames, want_frames)


@pytest.mark.parametrize("left,right,step", [(0, 0, 1), (2, 1, 1), (1, 2, 2), (3, 0, 4)])
def test_stacker_matches_oracle_across_invokes(left, right, step):
    channels = 4
    stacked = (left + right + 1) * channels
    model = _custom_model("SignalStacker", [("x", [channels], "INT16")],
                          [("y", [stacked], "INT16"), ("valid", [], "BOOL")],
                          {"num_channels": channels, "stacker_left_context": left,
                           "stacker_right_context": right, "stacker_step": step})
    sets = _stream(np.random.default_rng(left + 10 * right), 8, (channels,))
    expected = run_oracle(model, sets)
    for variant in ("reference", "optimized"):
        got = run_host(model, sets, variant)
        for (stack, valid), (want_stack, want_valid) in zip(got, expected):
            assert valid == want_valid
            if want_valid:
                np.testing.assert_array_equal(stack, want_stack)


@pytest.mark.parametrize("dtype", ["INT16", "FLOAT32"])
@pytest.mark.parametrize("size,step", [(8, 2), (8, 8), (6, 4)])
def test_overlap_add_matches_oracle_across_invokes(dtype, size, step):
    n_frames = 3
    model = _custom_model("SignalOverlapAdd", [("x", [2, n_frames, size], dtype)],
                          [("y", [2, n_frames * step], dtype)],
                          {"T": TYPE_CODES[dtype], "frame_step": step})
    rng = np.random.default_rng(size + step)
    shape = (2, n_frames, size)
    sets = ([[rng.uniform(-100, 100, shape).astype(np.float32)] for _ in range(4)]
            if dtype == "FLOAT32" else _stream(rng, 4, shape))
    assert_matches_oracle(model, sets)


def test_stateful_signal_ops_reset_to_their_initial_state():
    model = _custom_model("SignalFramer", [("x", [4], "INT16")],
                          [("y", [2, 6], "INT16"), ("valid", [], "BOOL")],
                          {"frame_size": 6, "frame_step": 2, "prefill": True})
    interp = tflm_host.Interpreter(model)
    chunks = _stream(np.random.default_rng(14), 3, (4,))

    def run():
        out = []
        for (chunk,) in chunks:
            interp.set_input(chunk, 0)
            interp.invoke()
            out.append(interp.get_output(0))
        return out

    first = run()
    assert not np.array_equal(run()[0], first[0])
    interp.reset()
    np.testing.assert_array_equal(run(), first)


def test_stream_ops_reject_invalid_options():
    def prepare_fails(model, match):
        with pytest.raises(PrepareError, match=match):
            tflm_host.Interpreter(model)

    prepare_fails(_custom_model("SignalFramer", [("x", [6], "INT16")],
                                [("y", [1, 4], "INT16"), ("valid", [], "BOOL")],
                                {"frame_size": 4, "frame_step": 4, "prefill": False}),
                  "multiple of frame_step")
    prepare_fails(_custom_model("SignalStacker", [("x", [4], "INT16")],
                                [("y", [8], "INT16"), ("valid", [], "BOOL")],
                                {"num_channels": 4, "stacker_left_context": 1,
                                 "stacker_right_context": 0, "stacker_step": 3}),
                  "stacker_step")
    prepare_fails(_custom_model("SignalOverlapAdd", [("x", [2, 4], "INT16")],
                                [("y", [10], "INT16")], {"T": 7, "frame_step": 5}),
                  "exceeds the frame size")
    prepare_fails(_custom_model("SignalIrfft", [("x", [10], "INT16")], [("y", [16], "INT16")],
                                {"T": 7, "fft_length": 16}), "fewer than the 9 complex bins")
