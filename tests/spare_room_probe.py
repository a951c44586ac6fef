"""Whether text freed by this process can reach the vector index's files.

Run as ``python -m tests.spare_room_probe chroma|tacit ROUNDS DIR``: threads fill the heap with
a canary and free it, then a new collection gets three records and a query; repeated up to
ROUNDS times, stopping at the first round after which an index file (``*.bin``) holds the
canary. Prints ``<rounds> <copies>``. ``chroma`` calls Chroma bare; ``tacit`` goes through
:class:`memory.vectors.VectorIndex`, which keeps the files' spare room clear.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

CANARY = b"SPARE-ROOM-CANARY-4417"
Write = Callable[[int, list[list[float]], list[float]], None]


def _churn() -> None:
    junk = [CANARY * (n * 997 % 20000 + 40) for n in range(400)]
    del junk


def _copies(root: Path) -> int:
    return sum(p.read_bytes().count(CANARY) for p in root.rglob("*.bin"))


def _bare(root: Path) -> Write:
    import chromadb
    from chromadb.config import Settings

    client = chromadb.PersistentClient(path=str(root),
                                       settings=Settings(anonymized_telemetry=False))

    def write(n: int, vectors: list[list[float]], query: list[float]) -> None:
        found = client.get_or_create_collection(
            f"probe{n}", embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
        found.add(ids=["a", "b", "c"], embeddings=vectors,
                  documents=[f"note {CANARY.decode()} {k}" for k in range(3)])
        found.query(query_embeddings=[query], n_results=1)
    return write


def _through_tacit(root: Path) -> Write:
    from memory.vectors import VectorIndex
    from tests.fakes import HashingEmbedder

    index = VectorIndex(HashingEmbedder(), path=root)

    def write(n: int, vectors: list[list[float]], query: list[float]) -> None:
        user = f"probe{n}"
        index.upsert(["a", "b", "c"], vectors, [f"note {CANARY.decode()} {k}" for k in range(3)],
                     [{"user_id": user, "kind": "turn"}] * 3)
        index.nearest(user, query, 1)
    return write


def main(mode: str, rounds: int, root: Path) -> None:
    import numpy as np

    write = (_bare if mode == "chroma" else _through_tacit)(root)
    rng = np.random.default_rng(0)
    for n in range(1, rounds + 1):
        workers = [threading.Thread(target=_churn) for _ in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        write(n, rng.normal(size=(3, 384)).tolist(), rng.normal(size=384).tolist())
        if copies := _copies(root):
            print(n, copies)
            return
    print(rounds, 0)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]))
