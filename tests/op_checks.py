"""Checks the operator test modules share: an invalid model must fail Prepare with a clear
message, or be refused at load time as an unsupported operator/type."""
import pytest

import tflm_host


def rejects(model, match):
    """The model loads but an operator's Prepare rejects it with a message matching `match`."""
    with pytest.raises(tflm_host.PrepareError, match=match):
        tflm_host.Interpreter(model)


def unsupported(model):
    """No kernel here runs one of the model's operators on its input type."""
    with pytest.raises(tflm_host.UnsupportedOpError):
        tflm_host.Interpreter(model)
