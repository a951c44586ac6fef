"""Test doubles for the fast tier: a word-hashing embedder (no model file needed)."""

from __future__ import annotations

import hashlib
import re

import numpy as np

DIMENSIONS = 512


class HashingEmbedder:
    """Bag-of-words vectors: texts that share words point the same way."""

    name = "hashing"
    dimensions = DIMENSIONS

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                slot = int(hashlib.md5(word.encode()).hexdigest(), 16) % DIMENSIONS
                out[row, slot] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
            if not norm:
                out[row, 0] = 1.0
        return out
