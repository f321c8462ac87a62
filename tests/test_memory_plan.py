"""The arena planner: TFLM's greedy placement, lifetimes, and offline plans."""
import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle
from tflm_host.builder import ModelBuilder


def _chain(widths, offline=None) -> bytes:
    """A float FULLY_CONNECTED chain x -> h1 -> ... -> y with the given widths."""
    b = ModelBuilder()
    rng = np.random.default_rng(1)
    prev = b.add_input("x", [1, widths[0]], "FLOAT32")
    for i, (n_in, n_out) in enumerate(zip(widths, widths[1:])):
        w = b.add_constant(f"w{i}", rng.normal(size=(n_out, n_in)).astype(np.float32))
        out = b.add_tensor(f"h{i}", [1, n_out], "FLOAT32")
        b.add_operator("FULLY_CONNECTED", [prev, w, -1], [out])
        prev = out
    b.add_output(prev)
    if offline is not None:
        count = 1 + 2 * (len(widths) - 1)
        words = np.array([1, 1, count, *offline], dtype="<i4")
        b.add_metadata("OfflineMemoryAllocation", words.tobytes())
    return b.build()


def test_greedy_plan_reuses_memory_of_dead_tensors():
    # x(64 B) -> h0(256 B) -> h1(64 B) -> h2(256 B) -> h3(16 B): h2 can reuse x's and h0's space.
    interp = tflm_host.Interpreter(_chain([16, 64, 16, 64, 4]))
    plan = {p["name"]: p for p in interp.memory_plan()}
    assert plan["h0"]["size"] == 256 and plan["x"]["size"] == 64
    # Lifetimes in TFLM's scopes: inputs at 0, node i at i + 1, outputs to the end.
    assert (plan["x"]["first"], plan["x"]["last"]) == (0, 1)
    assert (plan["h0"]["first"], plan["h0"]["last"]) == (1, 2)
    assert (plan["h3"]["first"], plan["h3"]["last"]) == (4, 4)
    # No two buffers alive at once overlap in memory.
    buffers = list(plan.values())
    for a in buffers:
        for b in buffers:
            if a is b or a["last"] < b["first"] or b["last"] < a["first"]:
                continue
            assert a["offset"] + a["size"] <= b["offset"] or b["offset"] + b["size"] <= a["offset"]
    # Peak: the largest pair alive together (256 + 64 + 16 alignment-free sizes here).
    assert interp.arena_used_bytes() == max(p["offset"] + p["size"] for p in buffers) == 320


def test_offline_plan_offsets_are_honored():
    # Tensor order: x, w0, h0, w1, h1. Constants get -1; put x at 512, h0 at 0, h1 online.
    model = _chain([16, 8, 4], offline=[512, -1, 0, -1, -1])
    interp = tflm_host.Interpreter(model)
    plan = {p["name"]: p for p in interp.memory_plan()}
    assert plan["x"]["offset"] == 512
    assert plan["h0"]["offset"] == 0
    assert interp.arena_used_bytes() == 512 + 64
    assert_matches_oracle(model, invokes=2)


def test_malformed_offline_plan_is_rejected():
    model = _chain([16, 8, 4], offline=[0, -1, 0])  # 3 offsets for 5 tensors
    with pytest.raises(ValueError, match="OfflineMemoryAllocation"):
        tflm_host.Interpreter(model)
