"""A learned crisis layer: a linear classifier over the bundled MiniLM sentence vectors.

    probabilities(vectors) -> array (texts x classes)      classes: calm + the five kinds

The cue layer reads phrasings; this layer reads meaning, so it catches a crisis told in words
no cue lists. It is a multinomial logistic regression (one weight row per class over the 384
dimensions of the sentence vector) trained by ``bench/safety_train.py`` on the bank of
``data/safety/crisis_bank.yaml`` (crises of the five kinds and their look-alikes, written in
many voices), the example messages of ``exemplars.yaml`` and the domain prototypes; its
weights and bars are data (``data/safety/classifier.json``), so nothing is trained at run time
and the same vectors always give the same answer. The file records a digest of what it was
trained on: a test fails when the bank changes without a new training run.

How :mod:`agents.safety_detect` uses it: a message whose crisis probability (one minus calm)
reaches the ``strong`` bar counts as a cue that alone reaches the crisis bar, of the likeliest
kind; the ``weak`` bar adds half of one, to go with another sign (a cue, an earlier turn).
Measured on a half of the tuned suite kept out of training, the weak tier added false alarms
and no recall, so it ships switched off (1.0). Idioms and fiction are still settled by the cue
layer's rules (a story about a death is not a life in danger).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np

CALM = "calm"
CLASSES = (CALM, "suicide", "self_harm", "violence", "abuse", "medical")
WEIGHTS_FILE = "safety/classifier.json"
TRAINED_ON = ("safety/crisis_bank.yaml", "safety/exemplars.yaml", "safety/domains.yaml")


@dataclass(frozen=True)
class CrisisClassifier:
    """Weights of the linear layer and the bars its probabilities are read with."""

    classes: tuple[str, ...]
    weights: np.ndarray          # classes x dimensions
    bias: np.ndarray             # classes
    strong: float = 0.9          # a crisis probability (1 - calm) that alone reaches the bar
    weak: float = 1.0            # one that adds half a cue (1.0: never; see RESULTS.md)
    digest: str = ""             # of the data it was trained on (see :func:`data_digest`)
    embedder: str = "all-MiniLM-L6-v2-int8"  # the embedder whose vectors it reads

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """Per text vector, the probability of each class (rows sum to 1)."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim == 1:
            vectors = vectors[None, :]
        if vectors.shape[0] == 0 or vectors.shape[1] != self.weights.shape[1]:
            return np.zeros((vectors.shape[0], len(self.classes)), dtype=np.float32)
        logits = vectors @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def as_dict(self) -> dict[str, object]:
        return {"classes": list(self.classes), "strong": self.strong, "weak": self.weak,
                "digest": self.digest, "embedder": self.embedder,
                "bias": [round(float(b), 5) for b in self.bias],
                "weights": [[round(float(w), 5) for w in row] for row in self.weights]}

    @classmethod
    def from_dict(cls, raw: dict[str, object]) -> CrisisClassifier:
        # What the file leaves out takes the class's own defaults, written once above.
        given = {k: raw[k] for k in ("strong", "weak", "digest", "embedder") if k in raw}
        return cls(tuple(raw["classes"]),  # type: ignore[arg-type]
                   np.asarray(raw["weights"], dtype=np.float32),
                   np.asarray(raw["bias"], dtype=np.float32),
                   **given)  # type: ignore[arg-type]


@cache
def classifier() -> CrisisClassifier | None:
    """The shipped classifier, or None when its weights are absent (the cues still work)."""
    path = files("data").joinpath(WEIGHTS_FILE)
    if not path.is_file():
        return None
    return CrisisClassifier.from_dict(json.loads(path.read_text("utf-8")))


def data_digest() -> str:
    """A digest of the shipped files the classifier is trained on."""
    h = hashlib.sha256()
    for name in TRAINED_ON:
        h.update(files("data").joinpath(name).read_bytes())
    return h.hexdigest()[:16]
