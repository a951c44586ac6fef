"""Train the crisis and domain classifiers (``agents/safety_classifier.py``) into data/safety/.

Deterministic: the same data gives the same weights (full-batch gradient descent from zero).
The texts are the bank (``data/safety/crisis_bank.yaml``), the crisis and calm example
messages of ``exemplars.yaml`` and the domain prototypes of ``domains.yaml`` (calm), each also
written in a few more voices (lower case without punctuation, texting words, a typo, a
framing), so the classifier does not learn how a sentence is typed. Classes are weighted to
count equally. ``--suite SPLITS`` also trains on those splits of the suites
(bench/suites/safety*.jsonl; a crisis item as its kind, a non-crisis item as calm): only ever
splits already tuned on.

The domain classifier (``domain_classifier.json``) is trained the same way on
``data/safety/domain_bank.yaml`` and the domain prototypes (each sub-area's texts as its
domain, ``none`` as none) and, with ``--suite``, the non-crisis items of those splits as their
domain label.

Each text's extra voices are chosen by a digest of the text, not its place in the list, so
adding a text changes no other text's voices.

``--cv`` measures instead of writing: leave one suite out (the suite halves written by one hand
count as one suite, see ``FOLDS``), train both classifiers on the bank and the other suites,
run the whole detector (cues, example messages, both classifiers) on the suite left out, and
print crisis recall (explicit, subtle), false alarms and domain accuracy per suite and in all.
The cues and example messages are not left out: they were written from some of these suites'
misses, so a suite whose misses shaped them reads better than unseen text would.

    python bench/safety_train.py [--suite tune,heldout] [--strong 0.8] [--weak 0.5]
                                 [--l2 1e-3] [--steps 600] [--out FILE] [--cache FILE]
                                 [--only crisis|domain] [--domain-out FILE]
                                 [--hidden N] [--domain-hidden N] [--hidden-steps N]
    python bench/safety_train.py --cv [--cv-folds fresh5,fresh6t] [--bars 0.9/0.8,0.85/0.8]
                                 [--cv-keep-domain] [--hidden N] [--cache FILE]

The shipped files (S: the suite splits tune, heldout, fresh, fresh2, fresh3, fresh4-tune,
fresh4-heldout, fresh5-tune, fresh5-heldout and fresh6-tune to fresh9-tune; the domain
classifier also fresh10-tune, see RESULTS.md):

    python bench/safety_train.py --only crisis --suite S --hidden 256 --hidden-steps 800 \
        --strong 0.85 --weak 0.8
    python bench/safety_train.py --only domain --suite S,fresh10-tune --domain-hidden 512 \
        --hidden-steps 1500
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agents.safety_classifier import (  # noqa: E402
    CLASSES,
    DOMAIN_CLASSES,
    DOMAIN_TRAINED_ON,
    NONE,
    SentenceClassifier,
    data_digest,
)

DATA = ROOT / "data" / "safety"
SUITES = sorted((ROOT / "bench" / "suites").glob("safety*.jsonl"))
TEXTING = ((r"\byou\b", "u"), (r"\bare\b", "r"), (r"\bbecause\b", "cuz"), (r"\bi'm\b", "im"),
           (r"\bdon't\b", "dont"), (r"\bcan't\b", "cant"), (r"\bgoing to\b", "gonna"),
           (r"\bwant to\b", "wanna"), (r"\btonight\b", "tonite"), (r"\bplease\b", "pls"),
           (r"\bthough\b", "tho"), (r"\bokay\b", "ok"), (r"\bto\b", "2"))
# Leave-one-suite-out folds: the splits each suite's items carry (held-out halves stay out).
FOLDS = {"suite1": ("tune", "heldout"), "fresh": ("fresh",), "fresh2": ("fresh2",),
         "fresh3": ("fresh3",), "fresh4": ("fresh4-tune", "fresh4-heldout"),
         "fresh5": ("fresh5-tune", "fresh5-heldout"), "fresh6t": ("fresh6-tune",),
         "fresh7t": ("fresh7-tune",), "fresh8t": ("fresh8-tune",), "fresh9t": ("fresh9-tune",),
         "fresh10t": ("fresh10-tune",), "fresh11t": ("fresh11-tune",),
         "fresh12t": ("fresh12-tune",), "fresh13t": ("fresh13-tune",)}
CRISIS_BANKS = ("crisis_bank.yaml", "crisis_bank_more.yaml")
DOMAIN_BANKS = ("domain_bank.yaml", "domain_bank_more.yaml")
EVERYDAY = "everyday"  # the bank's everyday talk: calm, weighed as much as one class
FRAMES = ("so yeah, {}", "idk how to say this but {}", "long day. anyway {}",
          "sorry to bother you, {}", "{} idk", "{} lol", "ok so {} and thats it")


def bank_texts(extra_splits: set[str]) -> tuple[list[str], list[int]]:
    """(texts, class index per text) before the extra voices; the bank's everyday talk has
    the index ``len(CLASSES)``: calm, in a weighting group of its own."""
    texts: list[str] = []
    labels: list[int] = []

    def add(items: list[str] | None, cls: str) -> None:
        for text in items or []:
            texts.append(str(text))
            labels.append(CLASSES.index(cls))

    banks = [yaml.safe_load((DATA / name).read_text("utf-8")) for name in CRISIS_BANKS]
    examples = yaml.safe_load((DATA / "exemplars.yaml").read_text("utf-8"))
    for cls in CLASSES:
        for bank in banks:
            add(bank.get(cls), cls)
        add(examples.get(cls), cls)
    # everyday talk: calm, weighed as a group of its own (see `fit`)
    for text in (t for bank in banks for t in bank.get(EVERYDAY) or []):
        texts.append(str(text))
        labels.append(len(CLASSES))
    domains = yaml.safe_load((DATA / "domains.yaml").read_text("utf-8"))
    for subs in domains["domains"].values():
        for entry in subs.values():
            add(entry.get("prototypes"), "calm")
    add(domains["none"]["prototypes"], "calm")
    for item in suite_items(extra_splits):
        add([str(item["text"])], str(item["kind"]) if item.get("crisis") else "calm")
    return texts, labels


def suite_items(splits: set[str]) -> list[dict[str, object]]:
    """The items of the suites' ``splits`` (only ever splits already tuned on)."""
    if not splits:
        return []
    lines = [line for suite in SUITES for line in suite.read_text("utf-8").splitlines()]
    items = [json.loads(line) for line in lines if line.strip()]
    return [item for item in items if item.get("split") in splits]


def domain_texts(extra_splits: set[str], crises: bool = True) -> tuple[list[str], list[int]]:
    """(texts, domain class index per text) before the extra voices; the crisis bank's
    everyday talk has the index ``len(DOMAIN_CLASSES)``: none, in a group of its own."""
    texts: list[str] = []
    labels: list[int] = []

    def add(items: list[str] | None, cls: str) -> None:
        for text in items or []:
            texts.append(str(text))
            labels.append(DOMAIN_CLASSES.index(cls))

    banks = [yaml.safe_load((DATA / name).read_text("utf-8")) for name in DOMAIN_BANKS]
    domains = yaml.safe_load((DATA / "domains.yaml").read_text("utf-8"))
    for domain, subs in domains["domains"].items():
        for sub, entry in subs.items():
            add(entry.get("prototypes"), domain)
            for bank in banks:
                add((bank.get(domain) or {}).get(sub), domain)
    add(domains["none"]["prototypes"], NONE)
    for bank in banks:
        add(bank.get(NONE), NONE)
    crisis_bank = yaml.safe_load((DATA / "crisis_bank.yaml").read_text("utf-8"))
    for text in crisis_bank.get(EVERYDAY) or []:  # none, weighed as a group of its own
        texts.append(str(text))
        labels.append(len(DOMAIN_CLASSES))
    for item in suite_items(extra_splits):
        if crises or not item.get("crisis"):
            add([str(item["text"])], str(item.get("domain") or NONE))
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


def _group_weights(y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Per row, the weight that makes each group (``groups``: one id per row) count equally."""
    kinds = int(groups.max()) + 1
    counts = np.bincount(groups, minlength=kinds).astype(np.float32)
    return (len(y) / (kinds * np.maximum(counts, 1)))[groups].astype(np.float32)


def _softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def train(x: np.ndarray, y: np.ndarray, classes: int, l2: float, steps: int,
          rate: float = 0.5, groups: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, full-batch descent with momentum from zero
    (deterministic). Each weighting group counts equally: by default the classes; ``groups``
    (one id per row) can split a class into parts that each count as much as a class."""
    x = np.asarray(x, dtype=np.float32)
    sample_w = _group_weights(y, y if groups is None else groups)
    onehot = np.eye(classes, dtype=np.float32)[y]
    w = np.zeros((classes, x.shape[1]), dtype=np.float32)
    b = np.zeros(classes, dtype=np.float32)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    from common import watch

    for _ in watch(range(steps), "training steps"):
        p = _softmax(x @ w.T + b)
        grad = (p - onehot) * sample_w[:, None] / len(y)
        gw = grad.T @ x + l2 * w
        gb = grad.sum(axis=0)
        vw = 0.9 * vw + gw
        vb = 0.9 * vb + gb
        w -= rate * vw
        b -= rate * vb
    return w, b


def train_hidden(x: np.ndarray, y: np.ndarray, classes: int, hidden: int, l2: float,
                 steps: int, groups: np.ndarray, rate: float = 3e-3,
                 seed: int = 0) -> tuple[np.ndarray, ...]:
    """One hidden layer of rectified units under the same softmax, full-batch Adam from a
    seeded start (deterministic for the same data and thread count), groups weighed as in
    :func:`train`. Returns (hidden, hidden bias, weights, bias) as the classifier stores them."""
    rng = np.random.default_rng(seed)
    x = np.asarray(x, dtype=np.float32)
    sample_w = _group_weights(y, groups)
    onehot = np.eye(classes, dtype=np.float32)[y]
    dims = x.shape[1]
    params = [(rng.standard_normal((dims, hidden)) * np.sqrt(2 / dims)).astype(np.float32),
              np.zeros(hidden, np.float32),
              (rng.standard_normal((hidden, classes)) * np.sqrt(1 / hidden)).astype(np.float32),
              np.zeros(classes, np.float32)]
    first = [np.zeros_like(q) for q in params]
    second = [np.zeros_like(q) for q in params]
    from common import watch

    for t in watch(range(1, steps + 1), "training steps"):
        w1, b1, w2, b2 = params
        h = np.maximum(x @ w1 + b1, 0.0)
        p = _softmax(h @ w2 + b2)
        g = (p - onehot) * sample_w[:, None] / len(y)
        gh = (g @ w2.T) * (h > 0)
        grads = (x.T @ gh + l2 * w1, gh.sum(axis=0), h.T @ g + l2 * w2, g.sum(axis=0))
        for i, grad in enumerate(grads):
            first[i] = 0.9 * first[i] + 0.1 * grad
            second[i] = 0.999 * second[i] + 0.001 * grad * grad
            step = (first[i] / (1 - 0.9 ** t)) / (np.sqrt(second[i] / (1 - 0.999 ** t)) + 1e-8)
            params[i] = params[i] - rate * step
    w1, b1, w2, b2 = params
    return w1, b1, w2.T.copy(), b2


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


def fit(texts: list[str], labels: list[int], classes: tuple[str, ...], embedder: object,
        args: argparse.Namespace, hidden: int = 0) -> tuple[SentenceClassifier, dict[str, object]]:
    """A classifier over ``classes`` trained on ``texts`` in their voices (with ``hidden``
    rectified units before the softmax, or none), and a summary."""
    rows, ys = [], []
    for text, label in zip(texts, labels, strict=True):
        for voice in dict.fromkeys(voices(text, zlib.crc32(text.encode()))):
            rows.append(voice)
            ys.append(label)
    x = embed_all(rows, embedder, args.cache)
    groups = np.asarray(ys)
    y = np.where(groups >= len(classes), 0, groups)  # everyday talk: the first class, calm
    if hidden:
        w1, b1, w, b = train_hidden(x, y, len(classes), hidden, args.hidden_l2,
                                    args.hidden_steps, groups)
        model = SentenceClassifier(classes, w, b, hidden=w1, hidden_bias=b1)
    else:
        w, b = train(x, y, len(classes), args.l2, args.steps, groups=groups)
        model = SentenceClassifier(classes, w.astype(np.float32), b.astype(np.float32))
    accuracy = float((model.probabilities(x).argmax(axis=1) == y).mean())
    summary = {"texts": len(texts), "with_voices": len(rows),
               "per_class": {c: int((y == i).sum()) for i, c in enumerate(classes)},
               "hidden": hidden, "l2": args.hidden_l2 if hidden else args.l2,
               "steps": args.hidden_steps if hidden else args.steps,
               "train_accuracy": round(accuracy, 4),
               "texts_digest": hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]}
    return model, summary


def cross_validate(args: argparse.Namespace, embedder: object) -> None:
    """Leave each suite of ``args.cv_folds`` out in turn; print what the detector does on it,
    for each pair of bars in ``args.bars`` (one training per fold serves them all)."""
    from agents import safety_detect

    seen: dict[str, np.ndarray] = {}

    def remembered(texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in seen]
        if missing:
            seen.update(zip(missing, embed_all(missing, embedder, args.cache), strict=True))
        return np.vstack([seen[t] for t in texts])

    remembered.name = SentenceClassifier.embedder  # type: ignore[attr-defined]
    bars = [tuple(float(b) for b in pair.split("/")) for pair in args.bars.split(",")]
    every = {s for splits in FOLDS.values() for s in splits}
    totals: dict[tuple[float, ...], dict[str, list[int]]] = {bar: {} for bar in bars}
    for fold in args.cv_folds.split(","):
        train_on = every - set(FOLDS[fold])
        crisis, _ = fit(*bank_texts(train_on), CLASSES, embedder, args, args.hidden)
        if not args.cv_keep_domain:
            domain, _ = fit(*domain_texts(train_on), DOMAIN_CLASSES, embedder, args,
                            args.domain_hidden)
            safety_detect.domain_classifier = lambda d=domain: d  # type: ignore[assignment]
        for strong, weak in bars:
            model = replace(crisis, strong=strong, weak=weak)
            safety_detect.classifier = lambda c=model: c  # type: ignore[assignment]
            counts = _detect_fold(safety_detect, suite_items(set(FOLDS[fold])), remembered)
            for name, (hit, n) in counts.items():
                total = totals[(strong, weak)].setdefault(name, [0, 0])
                total[0] += hit
                total[1] += n
            print(fold, f"{strong}/{weak}", _cv_line(counts), flush=True)
    for bar, counts in totals.items():
        print("all", "/".join(map(str, bar)), _cv_line(counts))


def _detect_fold(safety_detect: object, items: list[dict[str, object]],
                 embed: object) -> dict[str, list[int]]:
    """[caught, count] of explicit and subtle crises, false alarms and right domains."""
    counts: dict[str, list[int]] = {}
    for item in items:
        found = safety_detect.detect(str(item["text"]), item.get("history") or [],  # type: ignore[attr-defined]
                                     past_self_harm=_past_self_harm(item), embed=embed)
        said = found.crisis_kind is not None
        slot = ("subtle" if item.get("subtle") else "explicit") if item.get("crisis") \
            else "false_alarms"
        for name, hit in ((slot, said),
                          ("domain", (found.domain or NONE) == (item.get("domain") or NONE))):
            counts.setdefault(name, [0, 0])
            counts[name][0] += int(hit)
            counts[name][1] += 1
    return counts


def _past_self_harm(item: dict[str, object]) -> bool:
    value = str((item.get("profile") or {}).get("past_self_harm_history", "")).lower()  # type: ignore[union-attr]
    return bool(value) and not value.startswith(("none", "no"))


def _cv_line(counts: dict[str, list[int]]) -> str:
    return "  ".join(f"{name} {hit}/{n} = {hit / n:.3f}"
                     for name in ("explicit", "subtle", "false_alarms", "domain")
                     for hit, n in [counts.get(name, [0, 0])] if n)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--suite", default="", help="suite splits to train on too (tuned ones only)")
    p.add_argument("--strong", type=float, default=0.9)
    p.add_argument("--weak", type=float, default=1.0)
    p.add_argument("--l2", type=float, default=1e-5)
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--hidden", type=int, default=0,
                   help="hidden units of the crisis classifier (0: linear)")
    p.add_argument("--domain-hidden", type=int, default=0,
                   help="hidden units of the domain classifier (0: linear)")
    p.add_argument("--hidden-l2", type=float, default=1e-4)
    p.add_argument("--hidden-steps", type=int, default=1500)
    p.add_argument("--out", type=Path, default=DATA / "classifier.json")
    p.add_argument("--domain-out", type=Path, default=DATA / "domain_classifier.json")
    p.add_argument("--only", choices=("crisis", "domain"), help="train one of the two")
    p.add_argument("--domain-calm-only", action="store_true",
                   help="train the domain classifier on the suites' non-crisis items only")
    p.add_argument("--cache", type=Path, help="an .npz file keeping the vectors between runs")
    p.add_argument("--cv", action="store_true", help="leave-one-suite-out; writes nothing")
    p.add_argument("--cv-folds", default=",".join(FOLDS), help="the suites to leave out")
    p.add_argument("--bars", default="0.9/0.8",
                   help="with --cv: strong/weak bar pairs of the crisis classifier to compare")
    p.add_argument("--cv-keep-domain", action="store_true",
                   help="with --cv: keep the shipped domain classifier (crisis figures only)")
    args = p.parse_args()
    from assistant.settings import Settings
    from memory.embedder import Embedder

    splits = {s for s in args.suite.split(",") if s}
    embedder = Embedder(cache_dir=Settings().cache_dir)
    if args.cv:
        cross_validate(args, embedder)
        return 0
    if args.only in (None, "crisis"):
        model, summary = fit(*bank_texts(splits), CLASSES, embedder, args, args.hidden)
        model = replace(model, strong=args.strong, weak=args.weak, digest=data_digest())
        raw = model.as_dict()
        raw["trained"] = {**summary, "suite_splits": sorted(splits)}
        args.out.write_text(json.dumps(raw, separators=(",", ":")) + "\n", "utf-8")
        print("crisis", json.dumps(raw["trained"], indent=1))
    if args.only in (None, "domain"):
        texts, labels = domain_texts(splits, not args.domain_calm_only)
        model, summary = fit(texts, labels, DOMAIN_CLASSES, embedder, args, args.domain_hidden)
        model = replace(model, digest=data_digest(DOMAIN_TRAINED_ON))
        raw = model.as_dict()
        raw["trained"] = {**summary, "suite_splits": sorted(splits)}
        args.domain_out.write_text(json.dumps(raw, separators=(",", ":")) + "\n", "utf-8")
        print("domain", json.dumps(raw["trained"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
