"""Whether text freed by this process can come back in the vector index's files.

Run as ``python -m tests.heap_probe plain|wiped ROUNDS DIR``: threads fill the heap with a
canary and free it, then a collection is created and written; repeated up to ROUNDS times,
stopping at the first round whose files hold the canary. Prints ``<rounds> <copies>``.
``wiped`` switches on :func:`memory.heap.wipe_freed_memory` first, as Tacit does.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

CANARY = b"HEAP-PROBE-CANARY-4417"


def _churn() -> None:
    junk = [CANARY * (n * 997 % 20000 + 40) for n in range(400)]
    del junk


def _copies(root: Path) -> int:
    return sum(p.read_bytes().count(CANARY) for p in root.rglob("*.bin"))


def main(mode: str, rounds: int, root: Path) -> None:
    if mode == "wiped":
        from memory.heap import wipe_freed_memory

        assert wipe_freed_memory()
    import chromadb
    import numpy as np
    from chromadb.config import Settings

    client = chromadb.PersistentClient(path=str(root),
                                       settings=Settings(anonymized_telemetry=False))
    rng = np.random.default_rng(0)
    for n in range(1, rounds + 1):
        workers = [threading.Thread(target=_churn) for _ in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        found = client.get_or_create_collection(
            f"probe{n}", embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
        found.add(ids=["a", "b", "c"], embeddings=rng.normal(size=(3, 384)).tolist(),
                  documents=[f"note {CANARY.decode()} {k}" for k in range(3)])
        found.query(query_embeddings=[rng.normal(size=384).tolist()], n_results=1)
        if copies := _copies(root):
            print(n, copies)
            return
    print(rounds, 0)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]))
