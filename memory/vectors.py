"""The vector index: Chroma collections of one user each, never shared between users.

Each user's records live in collections of their own, split by what they hold (``turns``, tree
``nodes``, memory ``items``), so a query needs no metadata filter to stay inside one user and
one kind of record. (Chroma resolves a metadata filter over every record it matches before the
vector search: a ``user_id`` filter cost 40 ms at 10k turns against 1.4 ms without one.) A
collection's name is derived from its user's id, so a query reads that user's records only;
every record still carries ``user_id``.

A persistent directory by default, a Chroma server when a URL is given. Vectors come from our
own embedder; Chroma never embeds (and so never downloads a model).
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
import struct
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

import numpy as np

from assistant.errors import StoreError
from memory.embedder import Embedder
from memory.vector_files import SpareRoom

PREFIX = "tacit"
LEGACY_COLLECTION = "tacit_memory"  # schema 1-3 kept every user in one collection
SPACES = ("turns", "nodes", "items")
T = TypeVar("T")
_SPACE_OF = {"turn": "turns", "node": "nodes"}  # every other kind is a memory item


def _reaching(method: Callable[..., T]) -> Callable[..., T]:
    """Every call to Chroma goes through here: a server's failure to answer (down,
    restarting, unreachable) is said as a store's error a person can act on, not the HTTP
    client's traceback; in a directory, the call holds the gate of its files' spare room
    (see :mod:`memory.vector_files`)."""
    @functools.wraps(method)
    def call(self: VectorIndex, *args: Any, **kwargs: Any) -> T:
        try:
            with self.room.call() if self.room is not None else nullcontext():
                return method(self, *args, **kwargs)
        except StoreError:
            raise
        except Exception as exc:
            if not self.url or not _unreachable(exc):
                raise
            raise StoreError(f"The vector store at {self.url} cannot be reached ({exc}).",
                             fix="Check that the Chroma server is running and "
                             "TACIT_CHROMA_URL names it.") from exc
    return call


def _unreachable(exc: BaseException) -> bool:
    import httpx

    return isinstance(exc, httpx.TransportError | ConnectionError | TimeoutError)


def space_of(kind: str) -> str:
    """The collection family that records of ``kind`` live in."""
    return _SPACE_OF.get(kind, "items")


def collection_name(user_id: str, space: str) -> str:
    """A valid Chroma name for ``user_id``'s ``space``; user ids may hold any character."""
    digest = hashlib.sha256(user_id.encode("utf-8")).hexdigest()[:32]
    return f"{PREFIX}_{space}_{digest}"


@dataclass
class VectorHit:
    id: str
    score: float  # cosine similarity, 1.0 = same direction


class VectorIndex:
    """Add, query and delete embedded texts, always scoped to one user."""

    def __init__(self, embedder: Embedder, *, path: Path | None = None,
                 url: str | None = None) -> None:
        self.embedder = embedder
        self.path, self.url = path, url
        self._client: Any = None
        self._collections: dict[str, Any] = {}
        self._lock = threading.Lock()
        # A directory's index files, kept free of old memory (a server keeps its own files).
        self.room = SpareRoom(path) if path is not None and not url else None

    # -- opening -------------------------------------------------------------------------------

    @property
    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = self._open()
        return self._client

    def warm(self) -> None:
        """Open the store now (the first turn then does not pay for it)."""
        _ = self.client

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
                if self.room is not None:  # files from before their room was kept clear
                    self.room.clear_unopened()
                client = chromadb.PersistentClient(path=str(self.path), settings=settings)
            self._split_legacy(client)
            return client
        except StoreError:
            raise
        except Exception as exc:
            where = self.url or self.path
            raise StoreError(f"The vector store at {where} could not be opened ({exc}).",
                             fix="Check TACIT_CHROMA_PATH / TACIT_CHROMA_URL.") from exc

    def _split_legacy(self, client: Any) -> None:
        """Move records from the old shared collection into per-user ones, then drop it."""
        if LEGACY_COLLECTION not in {c if isinstance(c, str) else c.name
                                     for c in client.list_collections()}:
            return
        old = client.get_collection(LEGACY_COLLECTION)
        total = old.count()
        for start in range(0, total, 2000):
            got = old.get(limit=2000, offset=start,
                          include=["embeddings", "documents", "metadatas"])
            self._upsert(client, got["ids"], got["embeddings"], got["documents"],
                         got["metadatas"])
        client.delete_collection(LEGACY_COLLECTION)

    def _collection(self, user_id: str, space: str, client: Any = None,
                    create: bool = True) -> Any:
        name = collection_name(user_id, space)
        found = self._collections.get(name)
        if found is None:
            client = client or self.client
            if create:
                found = client.get_or_create_collection(
                    name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}},
                    metadata={"user_hash": name.rsplit("_", 1)[1], "space": space})
            else:
                from chromadb.errors import NotFoundError

                try:
                    found = client.get_collection(name)
                except (NotFoundError, ValueError):  # not created yet: nothing of the user there
                    return None
            self._collections[name] = found
        return found

    def _spaces(self, user_id: str) -> Iterator[Any]:
        for space in SPACES:
            found = self._collection(user_id, space, create=False)
            if found is not None:
                yield found

    # -- writing -------------------------------------------------------------------------------

    def add(self, ids: list[str], texts: list[str], metadatas: list[dict[str, Any]]) -> None:
        """Embed and store; each metadata must carry ``user_id`` and ``kind``."""
        if not ids:
            return
        self.upsert(ids, self.embedder.embed(texts), texts, metadatas)

    @_reaching
    def upsert(self, ids: Sequence[str], vectors: Any, texts: Sequence[str],
               metadatas: Sequence[dict[str, Any]]) -> None:
        """Store vectors computed elsewhere (e.g. a tree node's centroid)."""
        if not ids:
            return
        if any("user_id" not in m for m in metadatas):
            raise ValueError("every vector record needs a user_id")
        self._upsert(self.client, ids, vectors, texts, metadatas)

    def _upsert(self, client: Any, ids: Sequence[str], vectors: Any, texts: Sequence[str],
                metadatas: Sequence[dict[str, Any]]) -> None:
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for n, meta in enumerate(metadatas):
            groups[(str(meta["user_id"]), space_of(str(meta.get("kind", "turn"))))].append(n)
        for (user_id, space), rows in groups.items():
            self._collection(user_id, space, client).upsert(
                ids=[ids[n] for n in rows], embeddings=[_listed(vectors[n]) for n in rows],
                documents=[texts[n] or " " for n in rows], metadatas=[metadatas[n] for n in rows])

    # -- reading -------------------------------------------------------------------------------

    def query(self, user_id: str, text: str, k: int = 10,
              kinds: list[str] | None = None) -> list[VectorHit]:
        """The ``k`` records of ``user_id`` nearest to ``text``."""
        return self.nearest(user_id, self.embedder.embed([text])[0], k, kinds)

    @_reaching
    def nearest(self, user_id: str, vector: Any, k: int = 10,
                kinds: Iterable[str] | None = None,
                where: dict[str, Any] | None = None) -> list[VectorHit]:
        """The ``k`` records of ``user_id`` nearest to ``vector``, best first.

        ``kinds`` limits the records searched (all kinds when None); ``where`` is an extra
        Chroma metadata filter, worth it only when it selects few records.
        """
        wanted = set(kinds) if kinds else None
        spaces = SPACES if wanted is None else tuple(s for s in SPACES
                                                     if any(space_of(k) == s for k in wanted))
        hits: list[VectorHit] = []
        for space in spaces:
            found = self._collection(user_id, space, create=False)
            if found is None:
                continue
            clauses = [where] if where else []
            if wanted is not None and space == "items":
                items = sorted(k for k in wanted if space_of(k) == "items")
                clauses.append({"kind": {"$in": items}})
            filt = clauses[0] if len(clauses) == 1 else ({"$and": clauses} if clauses else None)
            got = found.query(query_embeddings=[_listed(vector)], n_results=k, where=filt,
                              include=["distances"])
            ids = got["ids"][0] if got["ids"] else []
            hits.extend(VectorHit(i, 1.0 - float(d))
                        for i, d in zip(ids, got["distances"][0], strict=True))
        hits.sort(key=lambda h: -h.score)
        return hits[:k]

    @_reaching
    def vectors_of(self, user_id: str, ids: list[str], kind: str) -> dict[str, np.ndarray]:
        """The stored vectors of ``ids`` (records of ``kind``); missing ids are left out."""
        found = self._collection(user_id, space_of(kind), create=False)
        if found is None or not ids:
            return {}
        got = found.get(ids=ids, include=["embeddings"])
        return {i: np.asarray(v, dtype=np.float32)
                for i, v in zip(got["ids"], got["embeddings"], strict=True)}

    @_reaching
    def ids_for(self, user_id: str) -> list[str]:
        return [i for found in self._spaces(user_id) for i in found.get(include=[])["ids"]]

    def documents(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(id, text, metadata) of every record of every user: for export checks and audits."""
        for name in self._names():
            yield from self._documents_of(name)

    @_reaching
    def _names(self) -> list[str]:
        listed = (c if isinstance(c, str) else c.name for c in self.client.list_collections())
        return [name for name in listed if name.startswith(PREFIX + "_")]

    @_reaching
    def _documents_of(self, name: str) -> list[tuple[str, str, dict[str, Any]]]:
        got = self.client.get_collection(name).get(include=["documents", "metadatas"])
        return list(zip(got["ids"], got["documents"], got["metadatas"], strict=True))

    @_reaching
    def count(self) -> int:
        return sum(1 for _ in self.documents())

    # -- deleting ------------------------------------------------------------------------------

    @_reaching
    def delete(self, user_id: str, ids: list[str]) -> None:
        """Remove ``ids`` of ``user_id`` from every collection they could be in, and from the
        store's own log (see :func:`scrub_log`)."""
        if ids:
            for found in self._spaces(user_id):
                found.delete(ids=ids)
            if self.path is not None and not self.url:
                scrub_log(self.path, ids=ids)

    @_reaching
    def delete_user(self, user_id: str) -> None:
        from chromadb.errors import NotFoundError

        topics = []
        for space in SPACES:
            name = collection_name(user_id, space)
            self._collections.pop(name, None)
            try:
                topics.append(str(self.client.get_collection(name).id))
                self.client.delete_collection(name)
            except (NotFoundError, ValueError):  # never created: nothing of the user to remove
                continue
        if topics and self.path is not None and not self.url:
            scrub_log(self.path, collections=topics)


    def settle(self) -> int:
        """After a forget: leave no copy of deleted or replaced text in the Chroma directory.

        Erases the content of every logged write that a later write of the same record
        replaced (the tree rewrites summaries that quoted what was forgotten), then rewrites
        the file (VACUUM) so freed space keeps no old bytes: Chroma's own SQLite does not
        zero what it deletes; and zeroes the spare room of every index file. Returns the
        log entries erased. A Chroma server keeps its own files; nothing is done for one.
        """
        if self.path is None or self.url or self.room is None:
            return 0
        self.room.clear()  # not under the lock: a call holding the gate may be waiting on it
        with self._lock:
            return compact_log(self.path)


def compact_log(path: Path) -> int:
    """Erase superseded entries of the log in ``path/chroma.sqlite3`` and VACUUM the file."""
    db_file = path / "chroma.sqlite3"
    if not db_file.is_file():
        return 0
    with closing(sqlite3.connect(db_file, timeout=30)) as conn:
        conn.execute("PRAGMA secure_delete=ON")
        latest = {(topic, rid): seq for topic, rid, seq in conn.execute(
            "SELECT topic, id, max(seq_id) FROM embeddings_queue GROUP BY topic, id")}
        stale = [(seq, size) for seq, topic, rid, size in conn.execute(
            f"SELECT seq_id, topic, id, length(vector) FROM embeddings_queue "
            f"WHERE operation != {LOG_DELETE} AND metadata != '{{}}'")
            if seq < latest[(topic, rid)]]
        for seq, size in stale:
            conn.execute("UPDATE embeddings_queue SET metadata = '{}', vector = ? "
                         "WHERE seq_id = ?", (_unit_vector(size), seq))
        with suppress(sqlite3.OperationalError):  # a build without the full-text index
            conn.execute("INSERT INTO embedding_fulltext_search"
                         "(embedding_fulltext_search) VALUES('optimize')")
        conn.commit()
        conn.execute("VACUUM")
    return len(stale)


def scrub_log(path: Path, ids: Sequence[str] = (), collections: Sequence[str] = ()) -> int:
    """Erase deleted records from the write-ahead log of the Chroma directory at ``path``.

    Chroma logs every write (the document text in its metadata, the vector) in the
    ``embeddings_queue`` table of ``chroma.sqlite3`` and trims the log only once the vector
    index has been saved to disk, which for a small collection is never: a forgotten turn
    stayed there in full. Here the logged writes of ``ids`` keep their place (a restart still
    replays "add, then delete") but lose their content: metadata emptied, vector replaced by
    a fixed unit vector. The log of deleted ``collections`` is dropped whole. Chroma's own
    full-text index is merged so no deleted document's fragments stay in its segments.
    Returns how many log entries were erased.
    """
    db_file = path / "chroma.sqlite3"
    if not db_file.is_file() or not (ids or collections):
        return 0
    erased = 0
    with closing(sqlite3.connect(db_file, timeout=30)) as conn:
        conn.execute("PRAGMA secure_delete=ON")
        listed = list(ids)
        for start in range(0, len(listed), 500):
            chunk = listed[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = conn.execute(
                f"SELECT seq_id, length(vector) FROM embeddings_queue "
                f"WHERE operation != {LOG_DELETE} AND id IN ({marks})", chunk).fetchall()
            for seq_id, size in rows:
                conn.execute("UPDATE embeddings_queue SET metadata = '{}', vector = ? "
                             "WHERE seq_id = ?", (_unit_vector(size), seq_id))
            erased += len(rows)
        for topic in collections:
            erased += conn.execute("DELETE FROM embeddings_queue WHERE topic LIKE ?",
                                   (f"%/{topic}",)).rowcount
        if erased:
            with suppress(sqlite3.OperationalError):  # a build without the full-text index
                conn.execute("INSERT INTO embedding_fulltext_search"
                             "(embedding_fulltext_search) VALUES('optimize')")
        conn.commit()
    return erased


LOG_DELETE = 3  # Chroma's operation code for a delete in its log


def _unit_vector(size: int | None) -> bytes | None:
    """A float32 vector of ``size`` bytes pointing along the first axis (valid in any space)."""
    if not size:
        return None
    count = size // 4
    return struct.pack(f"<{count}f", 1.0, *([0.0] * (count - 1)))


def _listed(vector: Any) -> list[float]:
    return vector.tolist() if hasattr(vector, "tolist") else list(vector)
