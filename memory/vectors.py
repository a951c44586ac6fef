"""The vector index: one Chroma collection, every record tagged and filtered by ``user_id``.

A persistent directory by default, a Chroma server when a URL is given. Vectors come from
our own embedder; Chroma never embeds (and so never downloads a model).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from assistant.errors import StoreError
from memory.embedder import Embedder

COLLECTION = "tacit_memory"


@dataclass
class VectorHit:
    id: str
    score: float  # cosine similarity, 1.0 = same direction
    metadata: dict[str, Any]


class VectorIndex:
    """Add, query and delete embedded texts, always scoped to one user."""

    def __init__(self, embedder: Embedder, *, path: Path | None = None,
                 url: str | None = None) -> None:
        self.embedder = embedder
        self.path, self.url = path, url
        self._collection: Any = None

    @property
    def collection(self) -> Any:
        if self._collection is None:
            self._collection = self._open()
        return self._collection

    def _open(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        try:
            if self.url:
                parsed = urlparse(self.url)
                client = chromadb.HttpClient(
                    host=parsed.hostname or "localhost", port=parsed.port or 8000,
                    ssl=parsed.scheme == "https", settings=settings,
                )
            else:
                assert self.path is not None
                self.path.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=str(self.path), settings=settings)
            return client.get_or_create_collection(
                COLLECTION, embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
            )
        except Exception as exc:
            where = self.url or self.path
            raise StoreError(f"The vector store at {where} could not be opened ({exc}).",
                             fix="Check TACIT_CHROMA_PATH / TACIT_CHROMA_URL.") from exc

    def add(self, ids: list[str], texts: list[str], metadatas: list[dict[str, Any]]) -> None:
        """Embed and store; each metadata must carry ``user_id``."""
        if not ids:
            return
        if any("user_id" not in m for m in metadatas):
            raise ValueError("every vector record needs a user_id")
        vectors = self.embedder.embed(texts)
        self.collection.upsert(ids=ids, embeddings=vectors, documents=texts, metadatas=metadatas)

    def query(self, user_id: str, text: str, k: int = 10,
              kinds: list[str] | None = None) -> list[VectorHit]:
        """The ``k`` records of ``user_id`` nearest to ``text``."""
        where: dict[str, Any] = {"user_id": user_id}
        if kinds:
            where = {"$and": [where, {"kind": {"$in": kinds}}]}
        vector = self.embedder.embed([text])
        found = self.collection.query(query_embeddings=vector, n_results=k, where=where,
                                      include=["metadatas", "distances"])
        ids = found["ids"][0] if found["ids"] else []
        return [VectorHit(i, 1.0 - float(d), m or {})
                for i, d, m in zip(ids, found["distances"][0], found["metadatas"][0], strict=True)]

    def delete(self, ids: list[str]) -> None:
        if ids:
            self.collection.delete(ids=ids)

    def delete_user(self, user_id: str) -> None:
        self.collection.delete(where={"user_id": user_id})

    def ids_for(self, user_id: str) -> list[str]:
        return list(self.collection.get(where={"user_id": user_id}, include=[])["ids"])

    def count(self) -> int:
        return int(self.collection.count())
