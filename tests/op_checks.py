"""Checks the operator test modules share: an invalid model must fail Prepare with a clear
message, or be refused at load time as an unsupported operator/type."""
import numpy as np
import pytest

import tflm_host


def rejects(model, match):
    """The model loads but an operator's Prepare rejects it with a message matching `match`."""
    with pytest.raises(tflm_host.PrepareError, match=match):
        tflm_host.Interpreter(model)


def unsupported(model, match=None):
    """No kernel here runs one of the model's operators on its input type (the message
    matching `match` when given)."""
    with pytest.raises(tflm_host.UnsupportedOpError, match=match):
        tflm_host.Interpreter(model)


def run_on_zeros(model):
    """Invokes the model once on all-zero inputs and returns its outputs; for models the
    oracle cannot run (TFLM refuses empty op outputs as "dynamic tensors")."""
    interp = tflm_host.Interpreter(model)
    for i in range(interp.num_inputs):
        d = interp.get_input_details(i)
        interp.set_input(np.zeros(d["shape"], d["dtype"]), i)
    interp.invoke()
    return [interp.get_output(i) for i in range(interp.num_outputs)]
