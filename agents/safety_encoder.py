"""The crisis reader fine-tuned end to end: a small encoder that reads the words themselves.

    encoder().crisis(texts) -> texts x classes    calm + the five crisis kinds

:mod:`agents.safety_classifier` reads a crisis from the bundled MiniLM's sentence vector, a
summary made for finding similar texts: two messages about the same things sit close in it
whether or not one of them is a plan to die. This reader is that same MiniLM with all of its
layers trained further on the crisis banks, the tuned suite halves and a bank of everyday
talk (``bench/safety_encoder_train.py``), so what decides is what the message says, not what it
is about.
Held out by whole writers it caught far more of the crises no cue lists (bench/RESULTS.md).

It is one more int8 ONNX file in ``data/safety/`` (read with the embedder's own tokenizer), run
once per text a turn has not read yet: the detector asks for a message and its earlier turns
together, and texts read recently are kept. The file is data like the other weights: nothing is
trained at run time, and a missing file leaves the vector classifier in its place.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from functools import cache
from importlib.resources import files
from typing import Any

import numpy as np

MODEL_FILE = "safety/crisis_encoder.onnx"
META_FILE = "safety/crisis_encoder.json"
# What it is trained on besides the suite splits named in its file (bench/safety_encoder_train.py)
TRAINED_ON = ("safety/crisis_bank.yaml", "safety/crisis_bank_more.yaml",
              "safety/exemplars.yaml", "safety/domains.yaml", "safety/calm_bank.yaml")
KEPT = 64          # texts whose reading is kept (dropped on every forget)
MAX_TOKENS = 128   # what it was trained to read; a longer text is cut, as in training


class CrisisEncoder:
    """The fine-tuned reader: probabilities over ``classes`` per text, read with the bars
    ``strong`` (alone a whole cue) and ``weak`` (half of one)."""

    def __init__(self, model: bytes, meta: dict[str, Any]) -> None:
        self.classes: tuple[str, ...] = tuple(meta["classes"])
        self.strong = float(meta["strong"])
        self.weak = float(meta["weak"])
        self.digest = str(meta.get("digest", ""))
        self._model = model
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()

    def _load(self) -> None:
        from memory.embedder import bundled_tokenizer, onnx_session

        self._session = onnx_session(self._model, 1)
        self._tokenizer = bundled_tokenizer(MAX_TOKENS)

    def warm(self) -> None:
        """Load the model now rather than at the first message that needs it."""
        with self._lock:
            if self._session is None:
                self._load()

    def forget(self) -> None:
        """Drop every reading kept (a forgotten message leaves no copy in this process)."""
        with self._lock:
            self._kept.clear()

    def crisis(self, texts: list[str]) -> np.ndarray:
        """Per text, the probability of each class (rows sum to 1), in order."""
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        with self._lock:
            if self._session is None:
                self._load()
            todo = [t for t in dict.fromkeys(texts) if t not in self._kept]
            for text, row in zip(todo, self._run(todo), strict=True):
                self._kept[text] = row
            for text in texts:
                self._kept.move_to_end(text)
            rows = np.vstack([self._kept[t] for t in texts])
            while len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        return rows

    def _run(self, texts: list[str]) -> list[np.ndarray]:
        from memory.embedder import token_feed

        # One text at a time: the int8 model quantizes its activations with one scale for the
        # whole batch, so a text read beside others (or padded to them) came out a little
        # different, enough to move a reading across a bar.
        inputs = {"input_ids", "attention_mask", "token_type_ids"}
        return [np.asarray(self._session.run(None, token_feed(
            self._tokenizer, [text], MAX_TOKENS, inputs))[0][0], dtype=np.float32)
            for text in texts]


@cache
def encoder() -> CrisisEncoder | None:
    """The shipped reader, or None when its files are absent (the vector classifier reads)."""
    model, meta = files("data").joinpath(MODEL_FILE), files("data").joinpath(META_FILE)
    if not model.is_file() or not meta.is_file():
        return None
    return CrisisEncoder(model.read_bytes(), json.loads(meta.read_text("utf-8")))
