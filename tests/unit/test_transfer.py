"""Export, then import: everything comes back as it was, and importing twice adds nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.errors import InputError
from assistant.history_import import import_file
from memory import facts
from memory.facade import Memory
from memory.instructions import InstructionStore
from memory.vectors import VectorIndex
from tests.fakes import HashingEmbedder

# Fields an import may rightly change: the export's own stamp, the tree (rebuilt, not
# copied), when a session was last summarized into it, and audit row numbers.
LOCAL = {"exported_at", "tree", "closed_at"}


def _store(root: Path) -> Memory:
    vectors = VectorIndex(HashingEmbedder(), path=root / "chroma")  # type: ignore[arg-type]
    return Memory.open(f"sqlite:///{root / 'tacit.db'}", vectors)


def _lived_in(memory: Memory, user: str = "ana") -> dict[str, Any]:
    """A user with conversations, a fact that changed, rules, a profile; their export."""
    first = memory.start_session(user)
    said = memory.record_turn(user, first.id, "I live in Lyon.", "Noted, Lyon.",
                              trace={"recall": {"hits": 0}})
    memory.record_turn(user, first.id, "My sister Clara visits in May.", "Lovely.")
    city = facts.Candidate("city", "Lyon", "I live in Lyon.")
    facts.record(memory, user, city, [said.id])
    second = memory.start_session(user)
    moved = memory.record_turn(user, second.id, "I moved to Porto.", "Porto it is.")
    facts.record(memory, user, facts.Candidate("city", "Porto", "I moved to Porto."),
                 [moved.id])
    third = memory.start_session(user)
    memory.record_turn(user, third.id, "Plan a weekend hike.", "Here is a plan.")
    rules = InstructionStore(memory)
    rule = rules.add(user, "always give distances in km", source_turn_id=moved.id)
    rules.set_enabled(user, rule.id, False)
    rules.add(user, "answer briefly")
    memory.profile.record(user, "diet", "vegetarian", 0.95, [said.id], "stated")
    memory.update(user, memory.add(user, "Likes green tea.", kind="preference").id,
                  "Likes jasmine tea.")
    return json.loads(json.dumps(memory.export(user)))


def _comparable(export: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for section, rows in export.items():
        if section in LOCAL or not isinstance(rows, list):
            continue
        cleaned = [{k: v for k, v in row.items() if k not in LOCAL and
                    not (section == "audit" and k == "id")} for row in rows]
        if section == "audit":  # each export audits itself; those rows are about exporting
            cleaned = [r for r in cleaned if r["action"] != "export"]
        out[section] = sorted(cleaned, key=lambda r: json.dumps(r, sort_keys=True))
    return out


def _import(memory: Memory, user: str, export: dict[str, Any], tmp_path: Path) -> str:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export), "utf-8")
    return import_file(memory, user, path).said()


def test_an_export_restores_every_record_into_a_new_store(tmp_path: Path) -> None:
    export = _lived_in(_store(tmp_path / "old"))
    new = _store(tmp_path / "new")
    message = _import(new, "ana", export, tmp_path)
    assert "3 conversation(s), 4 turn(s)" in message
    again = json.loads(json.dumps(new.export("ana")))
    imported = {s["id"] for s in export["sessions"]}
    again["sessions"] = [s for s in again["sessions"] if s["id"] in imported]
    assert _comparable(again) == _comparable(export)

    # Restored records are searchable and keep their history and provenance.
    assert any("Porto" in h.text for h in new.search("ana", "Porto"))
    [lyon, porto] = facts.history(new, "ana", "city")
    assert lyon.superseded_by == porto.id and lyon.valid_to is not None
    assert porto.provenance == [t["id"] for t in export["turns"]
                                if t["user_text"] == "I moved to Porto."]
    rules = InstructionStore(new).list("ana", include_disabled=True)
    assert {(r.text, r.enabled) for r in rules} == {("always give distances in km", False),
                                                   ("answer briefly", True)}
    [diet] = new.profile.attributes("ana")
    assert (diet.value, diet.confidence) == ("vegetarian", 0.95)
    tea = next(i for i in new.items("ana", "preference"))
    assert [e.action for e in new.history("ana", tea.id)] == ["add", "update"]
    assert any(n["level"] == 1 for n in new.export("ana")["tree"])


def test_importing_the_same_export_twice_adds_nothing(tmp_path: Path) -> None:
    memory = _store(tmp_path / "one")
    export = _lived_in(memory)
    before = _comparable(json.loads(json.dumps(memory.export("ana"))))
    message = _import(memory, "ana", export, tmp_path)
    assert "0 conversation(s), 0 turn(s)" in message and "already there" in message
    _import(memory, "ana", export, tmp_path)
    assert len(memory.sessions("ana")) == 3
    assert _comparable(json.loads(json.dumps(memory.export("ana")))) == before

    fresh = _store(tmp_path / "two")
    _import(fresh, "ana", export, tmp_path)
    _import(fresh, "ana", export, tmp_path)
    assert len([s for s, n in fresh.sessions("ana") if n]) == 3
    assert len(fresh.export("ana")["turns"]) == 4
    indexed = {t["id"] for t in export["turns"]} | {i["id"] for i in export["memory_items"]}
    assert indexed <= set(fresh.vectors.ids_for("ana"))
    lyon = [h.text for h in fresh.search("ana", "I live in Lyon", k=20)]
    assert lyon.count("User: I live in Lyon.\nAssistant: Noted, Lyon.") == 1


def test_an_export_moves_to_another_user_without_touching_the_first(tmp_path: Path) -> None:
    memory = _store(tmp_path / "one")
    export = _lived_in(memory)
    anas = _comparable(json.loads(json.dumps(memory.export("ana"))))
    _import(memory, "bo", export, tmp_path)
    _import(memory, "bo", export, tmp_path)
    assert _comparable(json.loads(json.dumps(memory.export("ana")))) == anas
    bos = json.loads(json.dumps(memory.export("bo")))
    assert len(bos["turns"]) == 4 and len(bos["memory_items"]) == len(export["memory_items"])
    [lyon, porto] = facts.history(memory, "bo", "city")
    assert lyon.superseded_by == porto.id
    assert set(porto.provenance) <= {t["id"] for t in bos["turns"]}
    assert any("Porto" in h.text for h in memory.search("bo", "Porto"))


def test_an_imported_conversation_is_not_the_one_that_continues(tmp_path: Path) -> None:
    export = _lived_in(_store(tmp_path / "old"))
    new = _store(tmp_path / "new")
    current = new.start_session("ana")
    new.record_turn("ana", current.id, "What should I cook?", "Soup.")
    _import(new, "ana", export, tmp_path)
    assert new.last_session("ana").id == current.id  # type: ignore[union-attr]

    empty = _store(tmp_path / "empty")
    _import(empty, "ana", export, tmp_path)
    latest = empty.last_session("ana")
    assert latest is not None and latest.id not in {s["id"] for s in export["sessions"]}
    assert empty.turns("ana", latest.id) == []


@pytest.mark.parametrize(("change", "expected"), [
    (lambda e: e["turns"][0].update(session_id="nope"), "belongs to no session"),
    (lambda e: e["memory_items"][0].update(valid_from="someday"), "memory_items 1"),
    (lambda e: e["sessions"][0].pop("id"), "sessions 1 has no id"),
    (lambda e: e.update(profile={"a": 1}), "'profile' is not a list"),
])
def test_a_damaged_export_is_a_clear_error_and_stores_nothing(
        tmp_path: Path, change: Any, expected: str) -> None:
    export = _lived_in(_store(tmp_path / "old"))
    change(export)
    new = _store(tmp_path / "new")
    with pytest.raises(InputError) as err:
        _import(new, "ana", export, tmp_path)
    assert expected in str(err.value)
    assert new.sessions("ana") == [] and new.vectors.ids_for("ana") == []


def test_a_record_of_another_user_is_a_conflict_not_a_takeover(tmp_path: Path) -> None:
    memory = _store(tmp_path / "one")
    export = _lived_in(memory)
    export["user_id"] = "bo"  # forged: claims ana's ids are bo's, imported as bo
    with pytest.raises(InputError) as err:
        _import(memory, "bo", export, tmp_path)
    assert "another user" in str(err.value)
    assert memory.sessions("bo") == []
