"""Train the crisis classifier (``agents/safety_classifier.py``) into data/safety/classifier.json.

Deterministic: the same data gives the same weights (full-batch gradient descent from zero).
The texts are the bank (``data/safety/crisis_bank.yaml``), the crisis and calm example
messages of ``exemplars.yaml`` and the domain prototypes of ``domains.yaml`` (calm), each also
written in a few more voices (lower case without punctuation, texting words, a typo, a
framing), so the classifier does not learn how a sentence is typed. Classes are weighted to
count equally. ``--suite SPLITS`` also trains on those splits of the suites
(bench/suites/safety*.jsonl; a crisis item as its kind, a non-crisis item as calm): only ever
splits already tuned on.

    python bench/safety_train.py [--suite tune,heldout] [--strong 0.8] [--weak 0.5]
                                 [--l2 1e-3] [--steps 600] [--out FILE] [--cache FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agents.safety_classifier import CLASSES, CrisisClassifier, data_digest  # noqa: E402

DATA = ROOT / "data" / "safety"
SUITES = sorted((ROOT / "bench" / "suites").glob("safety*.jsonl"))
TEXTING = ((r"\byou\b", "u"), (r"\bare\b", "r"), (r"\bbecause\b", "cuz"), (r"\bi'm\b", "im"),
           (r"\bdon't\b", "dont"), (r"\bcan't\b", "cant"), (r"\bgoing to\b", "gonna"),
           (r"\bwant to\b", "wanna"), (r"\btonight\b", "tonite"), (r"\bplease\b", "pls"),
           (r"\bthough\b", "tho"), (r"\bokay\b", "ok"), (r"\bto\b", "2"))
FRAMES = ("so yeah, {}", "idk how to say this but {}", "long day. anyway {}",
          "sorry to bother you, {}", "{} idk", "{} lol", "ok so {} and thats it")


def bank_texts(extra_splits: set[str]) -> tuple[list[str], list[int]]:
    """(texts, class index per text) before the extra voices."""
    texts: list[str] = []
    labels: list[int] = []

    def add(items: list[str] | None, cls: str) -> None:
        for text in items or []:
            texts.append(str(text))
            labels.append(CLASSES.index(cls))

    bank = yaml.safe_load((DATA / "crisis_bank.yaml").read_text("utf-8"))
    examples = yaml.safe_load((DATA / "exemplars.yaml").read_text("utf-8"))
    for cls in CLASSES:
        add(bank.get(cls), cls)
        add(examples.get(cls), cls)
    domains = yaml.safe_load((DATA / "domains.yaml").read_text("utf-8"))
    for subs in domains["domains"].values():
        for entry in subs.values():
            add(entry.get("prototypes"), "calm")
    add(domains["none"]["prototypes"], "calm")
    if extra_splits:
        lines = [line for suite in SUITES for line in suite.read_text("utf-8").splitlines()]
        for line in lines:
            item = json.loads(line)
            if item.get("split") not in extra_splits:
                continue
            add([item["text"]], item["kind"] if item.get("crisis") else "calm")
    return texts, labels


def voices(text: str, n: int) -> list[str]:
    """``text`` and three more ways of typing it, chosen by its position ``n``."""
    plain = re.sub(r"[^\w\s']", "", text.lower()).strip()
    texting = text.lower()
    for pattern, short in TEXTING:
        texting = re.sub(pattern, short, texting)
    texting = texting.replace("'", "")
    words = plain.split()
    if len(words) > 3:  # swap two letters of one longer word
        i = max(range(len(words)), key=lambda k: (len(words[k]) > 4, (k * 7 + n) % len(words)))
        w = words[i]
        if len(w) > 3:
            j = 1 + (n % (len(w) - 2))
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    typo = " ".join(words)
    framed = FRAMES[n % len(FRAMES)].format(text[0].lower() + text[1:] if text else text)
    return [text, plain, texting, typo if n % 2 else framed]


def train(x: np.ndarray, y: np.ndarray, classes: int, l2: float, steps: int,
          rate: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, classes weighted equally, full-batch descent with
    momentum from zero (deterministic)."""
    x = np.asarray(x, dtype=np.float32)
    counts = np.bincount(y, minlength=classes).astype(np.float32)
    sample_w = (len(y) / (classes * np.maximum(counts, 1)))[y].astype(np.float32)
    onehot = np.eye(classes, dtype=np.float32)[y]
    w = np.zeros((classes, x.shape[1]), dtype=np.float32)
    b = np.zeros(classes, dtype=np.float32)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    from common import watch

    for _ in watch(range(steps), "training steps"):
        logits = x @ w.T + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot) * sample_w[:, None] / len(y)
        gw = grad.T @ x + l2 * w
        gb = grad.sum(axis=0)
        vw = 0.9 * vw + gw
        vb = 0.9 * vb + gb
        w -= rate * vw
        b -= rate * vb
    return w, b


def embed_all(texts: list[str], embedder: object, cache: Path | None) -> np.ndarray:
    """Vectors of ``texts``; with ``cache`` (an .npz file), earlier runs' vectors are reused."""
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.is_file():
        with np.load(cache) as saved:
            known = dict(zip(saved["texts"].tolist(), saved["vectors"], strict=True))
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    for i in range(0, len(missing), 64):
        part = missing[i:i + 64]
        known.update(zip(part, embedder._embed(part), strict=True))  # type: ignore[attr-defined]
    if cache is not None and missing:
        names = list(known)
        np.savez(cache, texts=np.asarray(names), vectors=np.vstack([known[t] for t in names]))
    return np.vstack([known[t] for t in texts]).astype(np.float32)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--suite", default="", help="suite splits to train on too (tuned ones only)")
    p.add_argument("--strong", type=float, default=0.9)
    p.add_argument("--weak", type=float, default=1.0)
    p.add_argument("--l2", type=float, default=1e-4)
    p.add_argument("--steps", type=int, default=800)
    p.add_argument("--out", type=Path, default=DATA / "classifier.json")
    p.add_argument("--cache", type=Path, help="an .npz file keeping the vectors between runs")
    args = p.parse_args()
    from assistant.settings import Settings
    from memory.embedder import Embedder

    splits = {s for s in args.suite.split(",") if s}
    texts, labels = bank_texts(splits)
    rows, ys = [], []
    for n, (text, label) in enumerate(zip(texts, labels, strict=True)):
        for voice in dict.fromkeys(voices(text, n)):
            rows.append(voice)
            ys.append(label)
    x = embed_all(rows, Embedder(cache_dir=Settings().cache_dir), args.cache)
    y = np.asarray(ys)
    w, b = train(x, y, len(CLASSES), args.l2, args.steps)
    model = CrisisClassifier(CLASSES, w.astype(np.float32), b.astype(np.float32),
                             args.strong, args.weak, data_digest())
    probs = model.probabilities(x)
    accuracy = float((probs.argmax(axis=1) == y).mean())
    raw = model.as_dict()
    raw["trained"] = {"texts": len(texts), "with_voices": len(rows),
                      "per_class": {c: int((y == i).sum()) for i, c in enumerate(CLASSES)},
                      "suite_splits": sorted(splits), "l2": args.l2, "steps": args.steps,
                      "train_accuracy": round(accuracy, 4),
                      "texts_digest": hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]}
    args.out.write_text(json.dumps(raw, separators=(",", ":")) + "\n", "utf-8")
    print(json.dumps(raw["trained"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
