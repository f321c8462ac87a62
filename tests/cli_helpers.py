"""Drive the tflm-host command line as a user does: a subprocess of this Python."""
from __future__ import annotations

import json
import subprocess
import sys

from tflm_host.examples import sine_model_paths


def run_cli(*args, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "tflm_host", *map(str, args)],
                          capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"tflm-host {' '.join(map(str, args))} exited {proc.returncode}:\n"
                             f"{proc.stdout}\n{proc.stderr}")
    return proc


def run_json(*args):
    return json.loads(run_cli(*args, "--json").stdout)


def assert_one_line_error(proc: subprocess.CompletedProcess, fragment: str) -> None:
    """Bad input: exit code 2, one line on stderr naming the problem, no traceback."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert fragment in lines[0], lines[0]


SINE = sine_model_paths()
