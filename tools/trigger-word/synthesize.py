"""Synthesises the trigger-word chapter's speech clips once with Debian's espeak-ng.

Run: apt-get install -y espeak-ng && /usr/bin/python3 tools/trigger-word/synthesize.py
Writes tools/trigger-word/clips.json: 8 kHz mono 16-bit samples (little-endian, base64) of the
trigger word "activate" and distractor words, each spoken by several espeak-ng voices, leading
and trailing silence trimmed. The tour's trigger-word chapter mixes them into background noise.
"""
import base64
import json
import os
import subprocess
import tempfile
import wave

import numpy as np
from scipy.signal import resample_poly

RATE = 8000
TRIGGER = "activate"
DISTRACTORS = ["elephant", "banana", "umbrella", "computer", "seven"]
# (voice, words per minute, pitch 0-99): varied accents, speeds and pitches; the tour trains on the
# first voices and tests on the last two, so detection is checked on voices it never heard.
VOICES = [
    ("en-us", 150, 50),
    ("en-gb", 170, 40),
    ("en-gb-scotland", 140, 60),
    ("en-029", 160, 45),
    ("en-gb-x-rp", 155, 70),
    ("en-us+f2", 165, 55),
]


def speak(word, voice, speed, pitch):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "w.wav")
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", path, word], check=True)
        with wave.open(path) as w:
            rate = w.getframerate()
            x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
    y = resample_poly(x, RATE, rate)
    loud = np.nonzero(np.abs(y) > 0.02 * np.abs(y).max())[0]
    y = y[max(loud[0] - 80, 0): loud[-1] + 80]
    return np.clip(np.round(y), -32768, 32767).astype("<i2")


def main():
    clips = []
    for word in [TRIGGER] + DISTRACTORS:
        for voice, speed, pitch in VOICES:
            samples = speak(word, voice, speed, pitch)
            clips.append({"word": word, "voice": voice, "samples": base64.b64encode(samples.tobytes()).decode("ascii")})
    out = {
        "sampleRate": RATE,
        "trigger": TRIGGER,
        "voices": [v[0] for v in VOICES],
        "source": "espeak-ng " + subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout.split()[3],
        "clips": clips,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "clips.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print(f"{len(clips)} clips, {os.path.getsize(path)} bytes -> {path}")


if __name__ == "__main__":
    main()
