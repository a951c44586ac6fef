"""NLSI: does Tacit pick exactly the standing instructions that apply to a request?

Each example gives a user's instructions (``user_profile``), a request (``utterance``, a short
dialogue) and the gold subset that applies (``standing_instructions``, with labels). Every
method sees the instructions through the real stores (SQL, FTS5, Chroma, the bundled
embedder) and returns a subset, scored against the gold one: set exact match, precision, recall
and F1, overall and per label (an example counts towards each label it carries).

Methods: ``lexical`` (BM25 hits scoring at least half the best), ``dense`` (cosine >= 0.62),
``tacit`` (the full selector: domains, conditions, chains, overrides; no language model),
``tacit+llm`` (the same, and the chat model names the domain when the cue words find none),
``tacit-names`` (the full selector with the domain lexicon cut back to the domain names alone:
the shipped cue words were written while reading this dev split, so ``tacit`` is an upper
bound and ``tacit-names`` a held-out reading of how the selector does on cues it was not
fitted to), ``tacit-names+dense`` (the same, and when no cue word names a domain, the domain
whose name is closest in meaning to the request, cosine >= 0.3, stands in for the model),
``tacit-blind`` (the full selector with ``bench/nlsi_blind_lexicon.json``, a lexicon written
from general knowledge of these service domains without reading this split's requests or the
shipped cues: the held-out reading with cues of the usual size), ``tacit-blind+dense`` (the
same, with the dense domain guess of ``tacit-names+dense``).

    python bench/nlsi.py [--data FILE] [--out FILE] [--limit N] [--methods tacit,dense]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import (  # noqa: E402
    Row,
    machine,
    now_iso,
    parser,
    pick_methods,
    table,
    watch,
    write_json,
)

DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "nlsi" / "nlsi_dev.json"
METHODS = ("lexical", "dense", "tacit", "tacit+llm", "tacit-names", "tacit-names+dense",
           "tacit-blind", "tacit-blind+dense")
BLIND_LEXICON = Path(__file__).resolve().with_name("nlsi_blind_lexicon.json")
DENSE_THRESHOLD = 0.62


def load(path: Path) -> list[dict[str, Any]]:
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    examples: list[dict[str, Any]] = []
    for file in files:
        data = json.loads(file.read_text("utf-8"))
        examples.extend(data if isinstance(data, list) else [data])
    return examples


def scores(chosen: set[str], gold: set[str]) -> dict[str, float]:
    hit = len(chosen & gold)
    precision = hit / len(chosen) if chosen else (1.0 if not gold else 0.0)
    recall = hit / len(gold) if gold else (1.0 if not chosen else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"exact_match": float(chosen == gold), "precision": precision, "recall": recall,
            "f1": f1}


def main() -> int:
    p = parser(__doc__.splitlines()[0], METHODS)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--show-misses", action="store_true", help="print the examples tacit misses")
    args = p.parse_args()
    if not args.data.exists():
        print(f"nlsi: no data at {args.data}; skipping.")
        return 0
    methods = pick_methods(args.methods, METHODS)
    examples = load(args.data)
    if args.limit:
        examples = examples[: args.limit]

    from agents.instruction_text import DomainLexicon
    from agents.instructions import dense_domain_guess, select
    from memory.embedder import Embedder
    from memory.facade import Memory
    from memory.instructions import InstructionStore
    from memory.vectors import VectorIndex

    started = now_iso()
    tmp = Path(tempfile.mkdtemp(prefix="tacit-nlsi-"))
    embedder = Embedder()
    memory = Memory.open(f"sqlite:///{tmp / 'tacit.db'}",
                         VectorIndex(embedder, path=tmp / "chroma"))
    store = InstructionStore(memory)
    lexicons = {"tacit-names": DomainLexicon.shipped().names_only(),
                "tacit-blind": DomainLexicon.from_json(BLIND_LEXICON.read_text("utf-8"))}
    model = None
    if "tacit+llm" in methods:
        from assistant.models import create_model
        from assistant.settings import load_settings

        model = create_model(load_settings().chat)

    def similarity(text: str, others: list[str]) -> list[float]:
        vectors = embedder.embed([text, *others])
        return [float(v @ vectors[0]) for v in vectors[1:]]

    per: dict[str, dict[str, list[dict[str, float]]]] = defaultdict(lambda: defaultdict(list))
    timings: dict[str, list[float]] = defaultdict(list)
    misses: list[str] = []
    for n, ex in watch(list(enumerate(examples)), "examples"):
        user = f"nlsi-{n}"
        rows = [store.add(user, text) for text in dict.fromkeys(ex["user_profile"])]
        by_text = {r.text: r for r in rows}
        request = ex["utterance"]
        gold = {" ".join(t.split()) for t in ex["standing_instructions"]}
        labels = sorted(set(ex.get("standing_instructions_labels") or [])) or ["no_instructions"]
        for method in methods:
            t0 = time.perf_counter()
            if method == "lexical":
                chosen = _lexical(memory, user, request, by_text)
            elif method == "dense":
                found = memory.vectors.query(user, request, len(rows), ["instruction"])
                ids = {h.id for h in found if h.score >= DENSE_THRESHOLD}
                chosen = {r.text for r in rows if r.id in ids}
            else:
                guess = _model_domain(model) if method == "tacit+llm" and model else None
                if method.endswith("+dense"):
                    guess = dense_domain_guess(similarity)
                lexicon = lexicons.get(method.removesuffix("+dense"))
                selection = select(rows, request, similarity=similarity, domain_guess=guess,
                                   lexicon=lexicon)
                chosen = {a.text for a in selection.applicable}
            timings[method].append((time.perf_counter() - t0) * 1000)
            result = scores(chosen, gold)
            for label in ["all", *labels]:
                per[method][label].append(result)
            if method == "tacit" and not result["exact_match"]:
                misses.append(f"# {n} {ex.get('example_type')} {labels}\n{request.strip()}\n"
                              f"  extra:   {sorted(chosen - gold)}\n"
                              f"  missing: {sorted(gold - chosen)}")

    rows_out: list[Row] = []
    for method in methods:
        for label in sorted(per[method], key=lambda k: (k != "all", k)):
            results = per[method][label]
            slice_ = "all" if label == "all" else f"label={label}"
            for metric in ("exact_match", "precision", "recall", "f1"):
                value = sum(r[metric] for r in results) / len(results)
                rows_out.append(Row(method, slice_, metric, round(value, 4)))
            rows_out.append(Row(method, slice_, "examples", len(results)))
        ms = sorted(timings[method])
        rows_out.append(Row(method, "all", "p50_ms", round(ms[len(ms) // 2], 2)))
    print(table(rows_out))
    if args.show_misses:
        print("\n\n".join(misses))
    if args.out:
        write_json(args.out, benchmark="nlsi", data=str(args.data),
                   machine=machine(["chromadb", "onnxruntime"]), started=started, rows=rows_out)
    return 0


def _lexical(memory: Any, user: str, request: str, by_text: dict[str, Any]) -> set[str]:
    from memory import lexical

    with memory.stores.read() as db:
        found = lexical.search(db, user, request, len(by_text), ["instruction"])
    if not found:
        return set()
    best = found[0][1]
    keep = {doc for doc, score in found if score >= 0.5 * best}
    return {text for text, row in by_text.items() if row.id in keep}


def _model_domain(model: Any) -> Any:
    from agents.instructions import model_domain_guess

    return model_domain_guess(model)


if __name__ == "__main__":
    sys.exit(main())
