"""The memory facade: every operation, per-user isolation, forget that really forgets."""

from __future__ import annotations

from memory import lexical
from memory.db import transaction
from memory.facade import Memory


def _turn(memory: Memory, user: str, text: str, reply: str = "Noted.") -> str:
    session = memory.last_session(user) or memory.start_session(user)
    return memory.record_turn(user, session.id, text, reply).id


def test_add_get_update_history(memory: Memory) -> None:
    item = memory.add("ana", "Ana is allergic to peanuts", kind="fact")
    assert memory.get("ana", item.id).text == "Ana is allergic to peanuts"  # type: ignore[union-attr]
    memory.update("ana", item.id, "Ana is allergic to peanuts and cashews")
    assert memory.get("ana", item.id).text.endswith("cashews")  # type: ignore[union-attr]
    actions = [(e.action, e.detail.get("old")) for e in memory.history("ana", item.id)]
    assert actions == [("add", None), ("update", "Ana is allergic to peanuts")]
    hits = memory.search("ana", "cashews allergy")
    assert hits[0].id == item.id and "cashews" in hits[0].text


def test_search_fuses_dense_and_lexical(memory: Memory) -> None:
    target = _turn(memory, "ana", "My passport number ends in 4471")
    _turn(memory, "ana", "The weather in Porto was lovely")
    _turn(memory, "ana", "I am reading a novel about whales")
    hits = memory.search("ana", "passport 4471", k=3)
    assert hits[0].id == target
    assert set(hits[0].matched_by) == {"dense", "lexical"}


def test_users_never_see_each_other(memory: Memory) -> None:
    secret = memory.add("ana", "Ana's bank PIN hint is the lighthouse", kind="sensitive")
    _turn(memory, "ana", "The lighthouse trip was in June")
    assert memory.search("bob", "lighthouse") == []
    assert memory.get("bob", secret.id) is None
    assert memory.items("bob") == []
    assert memory.forget("bob", secret.id) == 0
    assert memory.get("ana", secret.id) is not None
    assert memory.export("bob")["memory_items"] == []
    assert memory.sessions("bob") == []


def test_list_hides_superseded_items_unless_asked(memory: Memory) -> None:
    old = memory.add("ana", "Ana lives in Porto", kind="fact")
    new = memory.add("ana", "Ana lives in Berlin", kind="fact")
    with transaction(memory.engine) as db:
        row = db.get(type(old), old.id)
        assert row is not None
        row.valid_to, row.superseded_by = row.created_at, new.id
        db.add(row)
    assert [i.id for i in memory.items("ana")] == [new.id]
    assert {i.id for i in memory.items("ana", include_past=True)} == {old.id, new.id}
    assert all(h.id != old.id for h in memory.search("ana", "Ana lives"))


def test_delete_removes_item_everywhere(memory: Memory) -> None:
    item = memory.add("ana", "zebracorn sticker collection", kind="preference")
    assert memory.delete("ana", item.id)
    assert memory.get("ana", item.id) is None
    assert memory.search("ana", "zebracorn sticker") == []
    assert memory.vectors.ids_for("ana") == []
    # The audit log keeps that something was forgotten, never what it said.
    history = memory.history("ana", item.id)
    assert [e.action for e in history] == ["forget"]
    assert "zebracorn" not in str([e.detail for e in history])


def test_forget_a_session_cascades_to_derived_items(memory: Memory) -> None:
    session = memory.start_session("ana")
    turn = memory.record_turn("ana", session.id, "My locker code is quokka-913", "Got it.")
    derived = memory.add("ana", "Locker code: quokka-913", kind="sensitive",
                         provenance=[turn.id])
    keep = memory.add("ana", "Ana likes jazz", kind="preference")
    removed = memory.forget("ana", session.id)
    assert removed == 3  # the turn, the item made from it, and the session
    assert memory.get("ana", turn.id) is None and memory.get("ana", derived.id) is None
    assert memory.get("ana", keep.id) is not None
    assert set(memory.vectors.ids_for("ana")) == {keep.id}
    with transaction(memory.engine) as db:
        assert memory.stores.lexical.search(db, "ana", "quokka 913", 10) == []
    assert "quokka" not in str(memory.export("ana"))


def test_export_holds_everything_of_the_user(memory: Memory) -> None:
    turn_id = _turn(memory, "ana", "I run every Tuesday")
    item = memory.add("ana", "Ana runs on Tuesdays", kind="fact", provenance=[turn_id])
    data = memory.export("ana")
    assert [t["id"] for t in data["turns"]] == [turn_id]
    assert data["memory_items"][0]["id"] == item.id
    assert data["memory_items"][0]["provenance"] == [turn_id]
    assert len(data["sessions"]) == 1


def test_forget_user_removes_all_their_records(memory: Memory) -> None:
    _turn(memory, "ana", "Ana's first message")
    memory.add("ana", "Ana fact", kind="fact")
    _turn(memory, "bob", "Bob's message")
    memory.forget_user("ana")
    assert memory.export("ana")["turns"] == []
    assert memory.vectors.ids_for("ana") == []
    assert len(memory.export("bob")["turns"]) == 1


def test_schema_version_is_recorded_and_reopening_keeps_data(tmp_path) -> None:
    from sqlmodel import Session

    from memory.db import open_engine
    from memory.schema import SCHEMA_VERSION, SchemaInfo

    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = open_engine(url)
    engine.dispose()
    engine = open_engine(url)
    with Session(engine) as db:
        info = db.get(SchemaInfo, 1)
    assert info is not None and info.version == SCHEMA_VERSION


def test_unrelated_memories_are_not_returned(memory: Memory) -> None:
    _turn(memory, "ana", "I repaired the garden fence", "Well done.")
    assert memory.search("ana", "quantum chromodynamics lecture") == []


def test_large_indexes_skip_words_most_documents_hold(memory: Memory) -> None:
    from memory.tuning import RecallTuning

    small = RecallTuning.defaults().with_overrides({"lexical_common_from": 5})
    for n in range(10):
        _turn(memory, "ana", f"Today I talked about the garden, item {n}")
    target = _turn(memory, "ana", "Today I talked about the harbour lighthouse")
    with memory.stores.read() as db:
        assert lexical.informative(db, ["talked", "lighthouse"]) == ["talked", "lighthouse"]
        assert lexical.informative(db, ["talked", "lighthouse"], small) == ["lighthouse"]
        assert lexical.search(db, "ana", "talked about the lighthouse", 3,
                              tuning=small)[0][0] == target
        assert lexical.search(db, "ana", "talked today", 3, tuning=small) == []  # nothing telling
