"""The bundled embedder multiplies its int8 weights in integer arithmetic, faithfully."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from memory.embedder import Embedder

pytestmark = pytest.mark.integration

TEXTS = [
    "I went hiking in the Alps last summer with my sister.",
    "What's the capital of France?",
    "My dog is called Rex and he loves running on the beach every morning before work.",
    "Remind me to water the tomatoes.",
    "User: I finally booked the train to Vienna for the conference in May.\n"
    "Assistant: Great, I will remember the trip.",
]


def test_integer_vectors_match_float_ones_and_are_cached(tmp_path: Path) -> None:
    from memory.embedder import model_files

    stale = tmp_path / f"{model_files()[0].parent.name}-1-2-r0-ort0.onnx"
    stale.write_bytes(b"an older recipe")
    integer = Embedder(cache_dir=tmp_path)
    floats = Embedder(integer=False)
    got, want = integer.embed(TEXTS), floats.embed(TEXTS)
    assert integer.compute == "int8" and floats.compute == "float32"
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert ((got * want).sum(axis=1) > 0.99).all()
    # the nearest other text of each text is the same either way
    assert ((got @ got.T - 2 * np.eye(len(TEXTS))).argmax(axis=1)
            == (want @ want.T - 2 * np.eye(len(TEXTS))).argmax(axis=1)).all()
    cached = list(tmp_path.iterdir())
    assert len(cached) == 1 and cached[0].suffix == ".onnx"  # the stale file was removed
    again = Embedder(cache_dir=tmp_path)
    assert np.allclose(again.embed(TEXTS), got, atol=1e-6)  # read back, same model


def test_a_text_gets_the_same_vector_alone_or_in_any_batch() -> None:
    embedder = Embedder(batch_size=2)
    together = embedder.embed(TEXTS * 2)  # > the recent-call cache: sorted by length, batched
    for n, text in enumerate(TEXTS):
        alone = embedder._embed([text])[0]
        assert np.allclose(together[n], alone, atol=1e-5)
        assert np.allclose(together[n + len(TEXTS)], alone, atol=1e-5)


def test_history_import_embeds_in_a_process_of_its_own_with_the_same_vectors(
        tmp_path: Path) -> None:
    import multiprocessing

    from memory.embedder import in_background
    from memory.facade import ImportedSession, Memory, turn_text
    from memory.vectors import VectorIndex

    embedder = Embedder(cache_dir=tmp_path / "cache")
    with in_background(embedder) as embed:
        helpers = multiprocessing.active_children()
        far = embed(TEXTS).result()
    assert len(helpers) == 1 and helpers[0].pid is not None  # the model ran elsewhere
    assert np.allclose(far, embedder.embed(TEXTS), atol=1e-6)
    assert not multiprocessing.active_children()  # and that process is gone afterwards

    memory = Memory.open(f"sqlite:///{tmp_path / 'tacit.db'}",
                         VectorIndex(embedder, path=tmp_path / "chroma"))
    pairs = [("I booked the train to Vienna.", "Noted."), ("My sister lives in Graz.", "")]
    [(_, turns)] = list(memory.import_sessions("ana", [ImportedSession(pairs)]))
    stored = memory.vectors.vectors_of("ana", [t.id for t in turns], "turn")
    here = embedder.embed([turn_text(u, r) for u, r in pairs])
    for turn, vector in zip(turns, here, strict=True):
        assert np.allclose(stored[turn.id], vector, atol=1e-5)
