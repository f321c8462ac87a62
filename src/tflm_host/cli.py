"""The tflm-host command line: parses arguments and dispatches to tflm_host.tools."""
from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np

from .errors import TflmHostError

EXIT_ERROR = 2        # bad files, missing inputs, wrong shapes (and argparse usage errors)
EXIT_CHECK_FAILED = 1


def _json_default(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _emit(args, data, render) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, default=_json_default, indent=1))
    else:
        print(render(data))


def cmd_inspect(args) -> int:
    from .tools.inspect import inspect_model, render_inspect
    _emit(args, inspect_model(args.model), render_inspect)
    return 0


def cmd_run(args) -> int:
    from .tools.common import load_array
    from .tools.run import outputs_as_npz_dict, render_run, run_model
    inputs = [load_array(p) for p in args.input]
    result = run_model(args.model, inputs, as_float=args.float, kernels=args.kernels,
                       threads=args.threads)
    if args.output:
        np.savez(args.output, **outputs_as_npz_dict(result))
    _emit(args, result, render_run)
    return 0


def cmd_arena(args) -> int:
    from .tools.arena import arena_report, plot_plan, render_arena
    report = arena_report(args.model, target=args.target, kernels=args.kernels,
                          benchmark_setup=args.benchmark_setup)
    if args.plot:
        plot_plan(report, args.plot)
    _emit(args, report, lambda r: render_arena(r, show_plan=not args.summary))
    return 0


def cmd_profile(args) -> int:
    from .tools.common import load_array
    from .tools.profile import profile_model, render_profile
    inputs = [load_array(p) for p in args.input] if args.input else None
    _emit(args, profile_model(args.model, inputs, repeats=args.repeats, kernels=args.kernels,
                              threads=args.threads), render_profile)
    return 0


def cmd_export(args) -> int:
    from .tools.export import export_model, render_export
    _emit(args, export_model(args.model, args.output, name=args.name, target=args.target,
                             margin=args.margin), render_export)
    return 0


def cmd_compare(args) -> int:
    from .tools.compare import compare, render_compare
    _emit(args, compare(args.float_model, args.quant_model, args.data, kernels=args.kernels,
                        layers=not args.outputs_only), render_compare)
    return 0


def cmd_record(args) -> int:
    from .tools.regress import record, render_record
    golden = record(args.model, args.inputs, args.output, kernels=args.kernels)
    print(render_record(golden, args.output))
    return 0


def cmd_check(args) -> int:
    from .tools.regress import check, render_check
    result = check(args.model, args.golden, kernels=args.kernels)
    _emit(args, result, render_check)
    return 0 if result["passed"] else EXIT_CHECK_FAILED


def build_parser() -> argparse.ArgumentParser:
    from .tools.cortex_m import TARGETS
    parser = argparse.ArgumentParser(
        prog="tflm-host", description="Inspect, run, size, profile, export and regression-test "
        "TensorFlow Lite Micro models on a PC.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, func, help_text):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    def kernels(p):
        p.add_argument("--kernels", choices=("optimized", "reference"), default="optimized",
                       help="kernel variant (default: optimized)")

    def threads(p):
        p.add_argument("--threads", type=int, default=1, metavar="N",
                       help="threads the optimized kernels may use (default: 1)")

    def as_json(p):
        p.add_argument("--json", action="store_true", help="print JSON instead of text")

    p = command("inspect", cmd_inspect, "operators, tensors, size, support and integer check")
    p.add_argument("model")
    as_json(p)

    p = command("run", cmd_run, "run the model once on saved inputs")
    p.add_argument("model")
    p.add_argument("--input", "-i", action="append", default=[], metavar="NPY",
                   help="an input array (.npy), once per model input, in order")
    p.add_argument("--float", action="store_true",
                   help="float inputs and outputs, quantized with the model's own parameters")
    p.add_argument("--output", "-o", metavar="NPZ", help="save the outputs (output_0, ...)")
    kernels(p)
    threads(p)
    as_json(p)

    p = command("arena", cmd_arena, "smallest arena, memory plan, Cortex-M estimate")
    p.add_argument("model")
    p.add_argument("--target", choices=sorted(TARGETS),
                   help="also estimate TFLM's arena on a 32-bit Cortex-M build (or on x86-64, "
                        "as tflite-micro's Python interpreter reports it)")
    p.add_argument("--plot", metavar="PNG", help="draw the plan over time (needs matplotlib)")
    p.add_argument("--summary", action="store_true", help="totals only, no plan table")
    p.add_argument("--benchmark-setup", action="store_true",
                   help="estimate as TFLM's generic benchmark measures (recording allocator, "
                        "100 resource variables), to compare with its published figures")
    kernels(p)
    as_json(p)

    p = command("profile", cmd_profile, "per-operator latency, sorted")
    p.add_argument("model")
    p.add_argument("--input", "-i", action="append", default=[], metavar="NPY",
                   help="input arrays (default: random)")
    p.add_argument("--repeats", type=int, default=10, help="invokes to time (median)")
    kernels(p)
    threads(p)
    as_json(p)

    p = command("export", cmd_export, "C++ files for a TFLM firmware project")
    p.add_argument("model")
    p.add_argument("--output", "-o", required=True, metavar="DIR")
    p.add_argument("--name", default="g_model", help="C name of the model array")
    p.add_argument("--target", choices=sorted(TARGETS), default="cortex-m-cmsis",
                   help="the build whose arena sets kTensorArenaSize")
    p.add_argument("--margin", type=float, default=0.1,
                   help="extra share of the arena estimate (default 0.1 = 10%%)")
    as_json(p)

    p = command("compare", cmd_compare, "quantized vs float model: output and per-layer error")
    p.add_argument("float_model")
    p.add_argument("quant_model")
    p.add_argument("--data", required=True, metavar="NPY|NPZ|DIR",
                   help="float input samples (a .npy batch for one input, an .npz of batches "
                        "or a directory of samples)")
    p.add_argument("--outputs-only", action="store_true", help="skip the per-layer comparison")
    kernels(p)
    as_json(p)

    p = command("record", cmd_record, "record golden outputs for regression tests")
    p.add_argument("model")
    p.add_argument("--inputs", required=True, metavar="DIR|NPZ|NPY")
    p.add_argument("--output", "-o", required=True, metavar="NPZ")
    kernels(p)

    p = command("check", cmd_check, "re-run recorded inputs; fail if any output changed")
    p.add_argument("model")
    p.add_argument("golden")
    kernels(p)
    as_json(p)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into head and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (TflmHostError, FileNotFoundError, ValueError, OSError) as e:
        print(f"tflm-host {args.command}: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
