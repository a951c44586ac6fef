"""Learned layers: small classifiers over the bundled MiniLM sentence vectors.

    classifier().probabilities(vectors) -> texts x classes    calm + the five crisis kinds
    domain_classifier().probabilities(vectors) -> texts x classes    none + the seven domains

The cue layer reads phrasings; this layer reads meaning, so it catches a crisis told in words
no cue lists. Each is a softmax over the classes, read from the 384 dimensions of the sentence
vector through one hidden layer of rectified units (a linear softmax when the file has no
hidden layer), trained by ``bench/safety_train.py`` on the banks of
``data/safety/crisis_bank.yaml`` and ``crisis_bank_more.yaml`` (crises of the five kinds and
their look-alikes, written in many voices), the example messages of ``exemplars.yaml``, the
domain prototypes and the tuned suite halves; weights and bars are data
(``data/safety/classifier.json``), so nothing is trained at run time and the same vectors always
give the same answer. The file records a digest of what it was trained on: a test fails when a
bank changes without a new training run.

How :mod:`agents.safety_detect` uses it: a message whose crisis probability (one minus calm)
reaches the ``strong`` bar counts as a cue that alone reaches the crisis bar, of the likeliest
kind; the ``weak`` bar adds half of one, to go with another sign (a cue, an earlier turn).
Both bars are chosen by leaving each suite out of training in turn (``--cv --bars``). Idioms
and fiction are still settled by the cue layer's rules (a story about a death is not a life in
danger).

The domain classifier is the same kind of model over eight classes ("none" and the seven
domains of ``data/safety/domains.yaml``), trained on ``domain_bank.yaml`` and
``domain_bank_more.yaml`` (requests of every domain and sub-area, and everyday look-alikes), the
domain prototypes and the tuned suite halves, into ``data/safety/domain_classifier.json``. The
detector adds its probabilities to the prototype similarities (see
:func:`agents.safety_detect.domain_verdict`): prototypes alone are eight sentences a sub-area,
and a request that shares no words with them drifted to "none" or to a neighbouring domain.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np

CALM = "calm"
CLASSES = (CALM, "suicide", "self_harm", "violence", "abuse", "medical")
WEIGHTS_FILE = "safety/classifier.json"
TRAINED_ON = ("safety/crisis_bank.yaml", "safety/crisis_bank_more.yaml",
              "safety/exemplars.yaml", "safety/domains.yaml")
NONE = "none"
DOMAIN_CLASSES = (NONE, "relationship", "career", "financial", "social", "health",
                  "life_transition", "education")
DOMAIN_WEIGHTS_FILE = "safety/domain_classifier.json"
DOMAIN_TRAINED_ON = ("safety/domain_bank.yaml", "safety/domain_bank_more.yaml",
                     "safety/domains.yaml", "safety/crisis_bank.yaml")  # its everyday talk: none


@dataclass(frozen=True)
class SentenceClassifier:
    """Weights of a classifier over sentence vectors and the bars its probabilities are read
    with: a linear layer, after one hidden layer of rectified units when ``hidden`` is set."""

    classes: tuple[str, ...]
    weights: np.ndarray          # classes x inputs (the hidden units' count, when there are)
    bias: np.ndarray             # classes
    strong: float = 0.9          # a crisis probability (1 - calm) that alone reaches the bar
    weak: float = 1.0            # one that adds half a cue (1.0: never; see RESULTS.md)
    digest: str = ""             # of the data it was trained on (see :func:`data_digest`)
    embedder: str = "all-MiniLM-L6-v2-int8"  # the embedder whose vectors it reads
    hidden: np.ndarray | None = None       # dimensions x hidden units
    hidden_bias: np.ndarray | None = None  # hidden units

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """Per text vector, the probability of each class (rows sum to 1)."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim == 1:
            vectors = vectors[None, :]
        inputs = self.weights.shape[1] if self.hidden is None else self.hidden.shape[0]
        if vectors.shape[0] == 0 or vectors.shape[1] != inputs:
            return np.zeros((vectors.shape[0], len(self.classes)), dtype=np.float32)
        if self.hidden is not None:
            vectors = np.maximum(vectors @ self.hidden + self.hidden_bias, 0.0)
        logits = vectors @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def as_dict(self) -> dict[str, object]:
        raw: dict[str, object] = {"classes": list(self.classes), "strong": self.strong,
                                  "weak": self.weak, "digest": self.digest,
                                  "embedder": self.embedder}
        for name in ARRAYS:
            if getattr(self, name) is not None:
                raw[name] = _packed(getattr(self, name))
        return raw

    @classmethod
    def from_dict(cls, raw: dict[str, object]) -> SentenceClassifier:
        # What the file leaves out takes the class's own defaults, written once above.
        given = {k: raw[k] for k in ("strong", "weak", "digest", "embedder") if k in raw}
        arrays = {k: _unpacked(raw[k]) for k in ARRAYS if k in raw}
        return cls(tuple(raw["classes"]), **arrays, **given)  # type: ignore[arg-type]


ARRAYS = ("weights", "bias", "hidden", "hidden_bias")


def _packed(array: np.ndarray) -> dict[str, object]:
    """An array as half-precision bytes in base64: a tenth of the size of decimal text, and
    exact enough for probabilities read against bars two decimals apart."""
    half = np.ascontiguousarray(array, dtype="<f2")
    return {"shape": list(half.shape), "f16": base64.b64encode(half.tobytes()).decode("ascii")}


def _unpacked(raw: object) -> np.ndarray:
    if isinstance(raw, dict):
        flat = np.frombuffer(base64.b64decode(str(raw["f16"])), dtype="<f2")
        return flat.reshape(raw["shape"]).astype(np.float32)
    return np.asarray(raw, dtype=np.float32)


@cache
def classifier() -> SentenceClassifier | None:
    """The shipped classifier, or None when its weights are absent (the cues still work)."""
    path = files("data").joinpath(WEIGHTS_FILE)
    if not path.is_file():
        return None
    return SentenceClassifier.from_dict(json.loads(path.read_text("utf-8")))


@cache
def domain_classifier() -> SentenceClassifier | None:
    """The shipped domain classifier (classes :data:`DOMAIN_CLASSES`; its ``strong`` and
    ``weak`` are unused), or None when its weights are absent (the prototypes still work)."""
    path = files("data").joinpath(DOMAIN_WEIGHTS_FILE)
    if not path.is_file():
        return None
    return SentenceClassifier.from_dict(json.loads(path.read_text("utf-8")))


def data_digest(names: tuple[str, ...] = TRAINED_ON) -> str:
    """A digest of the shipped files a classifier is trained on (the crisis one's by default;
    :data:`DOMAIN_TRAINED_ON` for the domain one's)."""
    h = hashlib.sha256()
    for name in names:
        h.update(files("data").joinpath(name).read_bytes())
    return h.hexdigest()[:16]
