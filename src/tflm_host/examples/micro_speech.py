"""Keyword spotting ("yes" / "no") on 16 kHz wav files with TFLM's micro_speech models:

    python -m tflm_host.examples.micro_speech WAV [WAV...] [--models DIR]

The pipeline is TFLM's micro_speech example: the clip is cut into 30 ms windows (480 samples)
every 20 ms (320 samples); each window goes through audio_preprocessor_int8.tflite (window,
FFT, mel filter bank, noise reduction, PCAN, log: 40 int8 features), in order on one
interpreter so its noise estimate carries from window to window; the first 49 feature
frames form the [1, 1960] input of micro_speech_quantized.tflite, whose 4 int8 outputs score
silence, unknown, yes and no.

The models are not bundled: --models names a folder holding the three .tflite files (or a
TFLM models root with a micro_speech/ folder), else the TFLM_MODELS environment variable.
"""
from __future__ import annotations

import argparse
import os
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tflm_host import Interpreter

LABELS = ("silence", "unknown", "yes", "no")
SAMPLE_RATE = 16000
WINDOW_SAMPLES = 480   # 30 ms
STRIDE_SAMPLES = 320   # 20 ms
FEATURE_FRAMES = 49
FEATURE_SIZE = 40
PREPROCESSOR = "audio_preprocessor_int8.tflite"
CLASSIFIER = "micro_speech_quantized.tflite"


@dataclass(frozen=True)
class Recognition:
    label: str
    scores: np.ndarray          # int8 outputs in LABELS order
    probabilities: np.ndarray   # the scores dequantized
    features: np.ndarray        # int8 [FEATURE_FRAMES, FEATURE_SIZE]


def models_dir(directory: str | os.PathLike | None = None) -> Path:
    """The folder of the micro_speech models: `directory`, else $TFLM_MODELS; either may be
    the folder itself or a models root with a micro_speech/ subfolder."""
    if directory is None:
        directory = os.environ.get("TFLM_MODELS")
        if not directory:
            raise FileNotFoundError(
                "no micro_speech models: pass --models DIR or set TFLM_MODELS")
    root = Path(directory)
    for candidate in (root, root / "micro_speech"):
        if (candidate / PREPROCESSOR).is_file() and (candidate / CLASSIFIER).is_file():
            return candidate
    raise FileNotFoundError(f"{PREPROCESSOR} and {CLASSIFIER} not found in {root} "
                            "or its micro_speech/ folder")


def read_wav(path: str | os.PathLike) -> np.ndarray:
    """The samples of a 16 kHz mono 16-bit PCM wav file, as int16."""
    with wave.open(str(path), "rb") as wav:
        if (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) != (SAMPLE_RATE, 1, 2):
            raise ValueError(
                f"{path}: expected 16 kHz mono 16-bit PCM, got {wav.getframerate()} Hz, "
                f"{wav.getnchannels()} channel(s), {8 * wav.getsampwidth()}-bit")
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.int16)


class MicroSpeech:
    """The two micro_speech models, ready to score clips."""

    def __init__(self, directory: str | os.PathLike | None = None, kernels: str = "optimized"):
        folder = models_dir(directory)
        self.preprocessor = Interpreter(folder / PREPROCESSOR, kernels=kernels)
        self.classifier = Interpreter(folder / CLASSIFIER, kernels=kernels)

    def features(self, audio: np.ndarray) -> np.ndarray:
        """int8 features [49, 40] of a clip. Each clip starts from a fresh noise estimate
        (TFLM's example builds a new interpreter per clip); frames the clip is too short for
        stay zero."""
        audio = np.asarray(audio, dtype=np.int16).reshape(-1)
        features = np.zeros((FEATURE_FRAMES, FEATURE_SIZE), np.int8)
        if audio.size < WINDOW_SAMPLES:
            return features
        count = min(FEATURE_FRAMES, (audio.size - WINDOW_SAMPLES) // STRIDE_SAMPLES + 1)
        windows = np.stack([audio[i * STRIDE_SAMPLES:i * STRIDE_SAMPLES + WINDOW_SAMPLES]
                            for i in range(count)])
        self.preprocessor.reset()
        (out,) = self.preprocessor.invoke_batch(windows.reshape(count, 1, WINDOW_SAMPLES))
        features[:count] = out.reshape(count, FEATURE_SIZE)
        return features

    def recognize(self, audio: np.ndarray) -> Recognition:
        features = self.features(audio)
        self.classifier.set_input(features.reshape(1, -1), 0)
        self.classifier.invoke()
        scores = self.classifier.get_output(0).reshape(-1)
        q = self.classifier.get_output_details(0)["quantization_parameters"]
        probabilities = (scores.astype(np.float32) - q["zero_points"][0]) * q["scales"][0]
        # The first of equal maxima, as TFLM's std::max_element picks it.
        label = LABELS[int(np.argmax(probabilities))]
        return Recognition(label, scores, probabilities, features)


def recognize_files(paths, directory: str | os.PathLike | None = None) -> list[Recognition]:
    """Recognizes each wav file in `paths` (16 kHz mono 16-bit)."""
    speech = MicroSpeech(directory)
    return [speech.recognize(read_wav(p)) for p in paths]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tflm_host.examples.micro_speech",
                                     description="Spot 'yes' and 'no' in 16 kHz wav files "
                                                 "with TFLM's micro_speech models.")
    parser.add_argument("wavs", nargs="+", metavar="WAV", help="16 kHz mono 16-bit wav files")
    parser.add_argument("--models", metavar="DIR",
                        help="folder of the micro_speech models (default: $TFLM_MODELS)")
    args = parser.parse_args(argv)
    try:
        speech = MicroSpeech(args.models)
        results = [(path, speech.recognize(read_wav(path))) for path in args.wavs]
    except (OSError, ValueError, wave.Error) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for path, result in results:
        scores = ", ".join(f"{label} {int(s)}" for label, s in zip(LABELS, result.scores))
        print(f"{path}: {result.label}  (int8 scores: {scores}; "
              f"p({result.label}) = {result.probabilities.max():.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
