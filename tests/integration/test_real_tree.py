"""TaciTree on the real parts: MiniLM embeddings, Chroma, SQLite FTS5, the bundled model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

SESSIONS = [
    ["We repainted the kitchen cabinets a deep green colour",
     "The new oven finally arrived after three weeks"],
    ["My daughter Lina started violin lessons on Saturday",
     "Her teacher says she has a very good ear for pitch"],
    ["I renewed my passport at the consulate yesterday",
     "The photo booth there was broken so I went to the pharmacy"],
]


def test_descent_over_real_embeddings_finds_the_evidence_and_its_date(tmp_path: Path) -> None:
    from memory.embedder import Embedder
    from memory.facade import Memory
    from memory.tree import session_node_id
    from memory.vectors import VectorIndex

    memory = Memory.open(f"sqlite:///{tmp_path / 'tacit.db'}",
                         VectorIndex(Embedder(), path=tmp_path / "chroma"))
    start = datetime(2024, 6, 3, 18, tzinfo=UTC)
    ids = []
    for n, lines in enumerate(SESSIONS):
        when = start + timedelta(days=7 * n)
        session = memory.start_session("ana", at=when)
        memory.record_turns("ana", session.id, [(line, "") for line in lines],
                            at=[when] * len(lines))
        memory.tree.close_session("ana", session.id)
        ids.append(session.id)
    found = memory.tree.descend("ana", "When did I renew my passport?", 200)
    best = found.leaves[0]
    assert "passport" in best.text
    assert best.text.startswith("[17 June 2024]") and "yesterday (16 June 2024)" in best.text
    assert best.branch[-1] == session_node_id(ids[2])
    music = memory.tree.descend("ana", "Which instrument is my child learning?", 200)
    assert "violin" in music.leaves[0].text
    memory.engine.dispose()


def _tacit(data_dir: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
    env.update(TACIT_DATA_DIR=str(data_dir), TACIT_USER="ana", TACIT_CHAT__MAX_TOKENS="24",
               TACIT_CHAT__TEMPERATURE="0", TACIT_CONFIG_FILE=str(data_dir / "none.toml"))
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True,
                          env=env, timeout=300)


def test_tree_and_why_through_the_cli_on_the_bundled_model(tmp_path: Path) -> None:
    told = _tacit(tmp_path, "ask", "I moved to Lisbon and my cat is called Mochi.", "--new",
                  "--json")
    assert told.returncode == 0, told.stderr.decode()
    asked = _tacit(tmp_path, "ask", "What is my cat called?", "--new", "--json")
    assert asked.returncode == 0, asked.stderr.decode()
    out = json.loads(asked.stdout)
    first_turn = json.loads(told.stdout)["turn_id"]
    assert first_turn in [r["id"] for r in out["trace"]["recall"]["retrieved"]]
    facts = [r for r in out["trace"]["recall"]["retrieved"] if r["kind"] == "fact"]
    assert facts and facts[0]["branch"] == ["facts"]  # "cat: Mochi", learned by rule

    tree = _tacit(tmp_path, "memory", "tree")
    assert tree.returncode == 0, tree.stderr.decode()
    text = tree.stdout.decode()
    assert "1 conversation" in text and "Lisbon" in text and "cat: Mochi" in text
    why = _tacit(tmp_path, "memory", "why", out["turn_id"])
    assert why.returncode == 0, why.stderr.decode()
    assert "via topic" in why.stdout.decode() and "Mochi" in why.stdout.decode()
    missing = _tacit(tmp_path, "memory", "why", "nope")
    assert missing.returncode == 2 and b"No turn nope" in missing.stderr
