"""The vector index keeps every user in collections of their own."""

from __future__ import annotations

from pathlib import Path

from memory.vectors import LEGACY_COLLECTION, VectorIndex, collection_name
from tests.fakes import HashingEmbedder


def _index(path: Path) -> VectorIndex:
    return VectorIndex(HashingEmbedder(), path=path)  # type: ignore[arg-type]


def _meta(user: str, kind: str) -> dict[str, str]:
    return {"user_id": user, "kind": kind}


def test_a_query_only_ever_sees_its_own_user(tmp_path: Path) -> None:
    index = _index(tmp_path)
    index.add(["a1", "a2"], ["my locker code is 4411", "I like green tea"],
              [_meta("ana", "turn"), _meta("ana", "preference")])
    index.add(["b1"], ["my locker code is 9000"], [_meta("bob", "turn")])

    assert [h.id for h in index.query("bob", "locker code", 5)] == ["b1"]
    assert {h.id for h in index.query("ana", "locker code", 5)} == {"a1", "a2"}
    assert [h.id for h in index.query("ana", "tea", 5, kinds=["preference"])] == ["a2"]
    assert index.query("carl", "locker code", 5) == []  # a user with nothing stored


def test_user_ids_with_any_characters_get_valid_collections(tmp_path: Path) -> None:
    index = _index(tmp_path)
    odd = "Ana María / ünïcode@example.com"
    index.add(["x"], ["hello there"], [_meta(odd, "turn")])
    assert index.ids_for(odd) == ["x"]
    assert collection_name(odd, "turns") != collection_name("ana", "turns")


def test_deleting_a_user_leaves_the_others(tmp_path: Path) -> None:
    index = _index(tmp_path)
    index.add(["a1", "b1"], ["one", "two"], [_meta("ana", "turn"), _meta("bob", "fact")])
    index.delete("bob", ["a1"])  # another user's id: untouched
    assert index.ids_for("ana") == ["a1"]
    index.delete_user("ana")
    assert index.ids_for("ana") == []
    assert index.ids_for("bob") == ["b1"]
    assert index.count() == 1


def test_an_old_shared_collection_is_split_per_user_on_open(tmp_path: Path) -> None:
    import chromadb
    from chromadb.config import Settings

    client = chromadb.PersistentClient(path=str(tmp_path),
                                       settings=Settings(anonymized_telemetry=False))
    old = client.get_or_create_collection(LEGACY_COLLECTION, embedding_function=None,
                                          configuration={"hnsw": {"space": "cosine"}})
    embed = HashingEmbedder()
    texts = ["ana's turn", "ana's fact", "bob's turn"]
    old.upsert(ids=["a1", "a2", "b1"], embeddings=embed.embed(texts).tolist(), documents=texts,
               metadatas=[_meta("ana", "turn"), _meta("ana", "fact"), _meta("bob", "turn")])
    del client

    index = _index(tmp_path)
    assert sorted(index.ids_for("ana")) == ["a1", "a2"]
    assert index.ids_for("bob") == ["b1"]
    names = {c if isinstance(c, str) else c.name for c in index.client.list_collections()}
    assert LEGACY_COLLECTION not in names
