"""micro_speech end to end: wav -> audio preprocessor -> classifier, as TFLM's example runs
it. Expected scores are those MANIFEST.md lists (from the official interpreter); expected
30 ms features are TFLM's own (micro_speech_test.cc); the rest is compared to the oracle."""
import os
import subprocess
import sys
import wave

import numpy as np
import pytest

from oracle import MODELS_DIR, run_oracle, shared_model
from tflm_host.examples import micro_speech as ms

# MANIFEST.md, "Expected end-to-end results": int8 (silence, unknown, yes, no) and label.
EXPECTED = {
    "yes_1000ms.wav": ([-128, -128, 127, -128], "yes"),
    "no_1000ms.wav": ([-128, -114, -128, 114], "no"),
    "silence_1000ms.wav": ([-42, -68, -68, -78], "silence"),
    "noise_1000ms.wav": ([120, -125, -126, -125], "silence"),
}

# TFLM's micro_speech_test.cc (NoFeatureTest, YesFeatureTest): the first feature frame.
EXPECTED_30MS_FEATURES = {
    "no_30ms.wav": [126, 103, 124, 102, 124, 102, 123, 100, 118, 97, 118, 100, 118, 98,
                    121, 100, 121, 98, 117, 91, 96, 74, 54, 87, 100, 87, 109, 92,
                    91, 80, 64, 55, 83, 74, 74, 78, 114, 95, 101, 81],
    "yes_30ms.wav": [124, 105, 126, 103, 125, 101, 123, 100, 116, 98, 115, 97, 113, 90,
                     91, 82, 104, 96, 117, 97, 121, 103, 126, 101, 125, 104, 126, 104,
                     125, 101, 116, 90, 81, 74, 80, 71, 83, 76, 82, 71],
}


@pytest.fixture(scope="module")
def speech():
    shared_model("micro_speech/" + ms.PREPROCESSOR)
    return ms.MicroSpeech(MODELS_DIR)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_wavs_give_the_manifest_scores_and_labels(speech, name):
    result = speech.recognize(ms.read_wav(shared_model("micro_speech/" + name)))
    scores, label = EXPECTED[name]
    assert result.scores.tolist() == scores
    assert result.label == label


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_features_and_scores_match_oracle(speech, name):
    audio = ms.read_wav(shared_model("micro_speech/" + name))
    ours = speech.recognize(audio)
    windows = [[audio[i * 320:i * 320 + 480].reshape(1, 480)] for i in range(49)]
    preprocessor = shared_model("micro_speech/" + ms.PREPROCESSOR).read_bytes()
    features = np.stack([out[0].reshape(-1) for out in run_oracle(preprocessor, windows)])
    np.testing.assert_array_equal(ours.features, features)
    classifier = shared_model("micro_speech/" + ms.CLASSIFIER).read_bytes()
    (scores,), = run_oracle(classifier, [[features.reshape(1, -1)]])
    np.testing.assert_array_equal(ours.scores, scores.reshape(-1))


@pytest.mark.parametrize("name", sorted(EXPECTED_30MS_FEATURES))
def test_30ms_wavs_give_tflm_expected_features(speech, name):
    audio = ms.read_wav(shared_model("micro_speech/" + name))
    assert audio.size == 480
    features = speech.features(audio)
    assert features[0].tolist() == EXPECTED_30MS_FEATURES[name]
    assert not features[1:].any()  # one window only


def test_each_clip_starts_from_a_fresh_noise_estimate(speech):
    audio = ms.read_wav(shared_model("micro_speech/yes_1000ms.wav"))
    first = speech.features(audio)
    speech.features(ms.read_wav(shared_model("micro_speech/noise_1000ms.wav")))
    np.testing.assert_array_equal(speech.features(audio), first)


def test_short_and_long_clips(speech):
    assert not speech.features(np.zeros(479, np.int16)).any()
    long_clip = np.tile(ms.read_wav(shared_model("micro_speech/yes_1000ms.wav")), 2)
    assert speech.features(long_clip).shape == (49, 40)  # only the first second is used


def test_read_wav_rejects_other_formats(tmp_path):
    path = tmp_path / "8k.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(8000)
        wav.writeframes(np.zeros(100, np.int16).tobytes())
    with pytest.raises(ValueError, match="16 kHz mono 16-bit"):
        ms.read_wav(path)


def test_models_dir_accepts_the_folder_or_its_root(tmp_path):
    shared_model("micro_speech/" + ms.PREPROCESSOR)
    assert ms.models_dir(MODELS_DIR) == ms.models_dir(MODELS_DIR / "micro_speech")
    with pytest.raises(FileNotFoundError):
        ms.models_dir(tmp_path)


def test_example_runs_as_module():
    wavs = [str(shared_model("micro_speech/" + name)) for name in sorted(EXPECTED)]
    env = dict(os.environ, TFLM_MODELS=str(MODELS_DIR))
    result = subprocess.run([sys.executable, "-m", "tflm_host.examples.micro_speech", *wavs],
                            capture_output=True, text=True, timeout=120, env=env, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(wavs)
    for line, name in zip(lines, sorted(EXPECTED)):
        scores, label = EXPECTED[name]
        assert line.startswith(f"{wavs[sorted(EXPECTED).index(name)]}: {label} ")
        assert ", ".join(f"{lab} {s}" for lab, s in zip(ms.LABELS, scores)) in line


def test_example_reports_missing_models(tmp_path):
    env = dict(os.environ, TFLM_MODELS=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "tflm_host.examples.micro_speech", "x.wav"],
                            capture_output=True, text=True, timeout=60, env=env, check=False)
    assert result.returncode == 1
    assert "not found" in result.stderr
