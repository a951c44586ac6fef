from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from assistant.models.fake import FakeModel
from assistant.service import Tacit
from assistant.settings import Settings
from memory.facade import Memory
from memory.vectors import VectorIndex
from tests.fakes import HashingEmbedder
from tests.servers import ChromaServer, Postgres, postgres_available

# ``TEST_STORES=server`` runs the tests in server mode: every test gets a new database on a
# throwaway PostgreSQL cluster and an emptied Chroma server, both started once for the run,
# through TACIT_DATABASE_URL and TACIT_CHROMA_URL (read at import: TACIT_* variables are
# cleared for each test).
SERVER_MODE = os.environ.get("TEST_STORES", "embedded") == "server"

# Property tests stay modest here (CI has two cores); bench/robustness.py runs them at scale
# with the "bench" profile and HYPOTHESIS_EXAMPLES examples per property.
_QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
          HealthCheck.filter_too_much, HealthCheck.data_too_large]
hypothesis_settings.register_profile("tacit", max_examples=20, stateful_step_count=10,
                                     deadline=None, suppress_health_check=_QUIET)
hypothesis_settings.register_profile(
    "bench", max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "200")),
    stateful_step_count=25, deadline=None, suppress_health_check=_QUIET)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "tacit"))


@pytest.fixture(autouse=True, scope="session")
def _offline() -> None:
    """The suite runs offline: any connection beyond this machine fails the test loudly."""
    import ipaddress
    import socket

    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else None
        if isinstance(host, str) and self.family in (socket.AF_INET, socket.AF_INET6):
            try:
                local = ipaddress.ip_address(host).is_loopback
            except ValueError:
                local = host == "localhost"
            if not local:
                raise AssertionError(f"test tried to reach {host}: the suite must run offline")
        real_connect(self, address)  # type: ignore[arg-type]

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's own settings file or TACIT_* variables."""
    import os

    for name in list(os.environ):
        if name.startswith("TACIT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("TACIT_CONFIG_FILE", str(tmp_path / "no-config.toml"))


class StoreServers:
    """A PostgreSQL cluster and a Chroma server, started for the tests that use them."""

    def __init__(self) -> None:
        if not postgres_available():
            pytest.skip("PostgreSQL's programs are not installed (apt-get install postgresql)")
        self.postgres = Postgres().start()
        try:
            self.chroma = ChromaServer().start()
        except BaseException:
            self.postgres.remove()
            raise

    def remove(self) -> None:
        self.chroma.remove()
        self.postgres.remove()


@pytest.fixture(scope="session")
def store_servers() -> Iterator[StoreServers]:
    servers = StoreServers()
    yield servers
    servers.remove()


@dataclass
class Stores:
    """Where a test's memory lives: a SQLite file and a Chroma directory (embedded), or a
    database of its own and the Chroma server (server mode)."""

    database_url: str | None = None
    chroma_url: str | None = None


@pytest.fixture(autouse=True)
def stores(request: pytest.FixtureRequest, _isolated_config: None,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[Stores]:
    if not SERVER_MODE:
        yield Stores()
        return
    servers: StoreServers = request.getfixturevalue("store_servers")
    url = servers.postgres.create_database()
    servers.chroma.clear()
    monkeypatch.setenv("TACIT_DATABASE_URL", url)
    monkeypatch.setenv("TACIT_CHROMA_URL", servers.chroma.url)
    yield Stores(url, servers.chroma.url)
    servers.postgres.drop_database(url)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", user="ana", chat={"model": "fake"})


@pytest.fixture
def memory(tmp_path: Path, stores: Stores) -> Memory:
    vectors = VectorIndex(HashingEmbedder(), path=tmp_path / "chroma",  # type: ignore[arg-type]
                          url=stores.chroma_url)
    return Memory.open(stores.database_url or f"sqlite:///{tmp_path / 'tacit.db'}", vectors)


@pytest.fixture
def fake_model() -> FakeModel:
    return FakeModel(context_window=4096)


@pytest.fixture
def tacit(settings: Settings, memory: Memory, fake_model: FakeModel) -> Iterator[Tacit]:
    from langgraph.checkpoint.memory import InMemorySaver

    service = Tacit(settings, model=fake_model, memory=memory, checkpointer=InMemorySaver())
    yield service
    service.close()
