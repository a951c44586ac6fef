from __future__ import annotations

import os
from collections.abc import Iterator
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


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", user="ana", chat={"model": "fake"})


@pytest.fixture
def memory(tmp_path: Path) -> Memory:
    vectors = VectorIndex(HashingEmbedder(), path=tmp_path / "chroma")  # type: ignore[arg-type]
    return Memory.open(f"sqlite:///{tmp_path / 'tacit.db'}", vectors)


@pytest.fixture
def fake_model() -> FakeModel:
    return FakeModel(context_window=4096)


@pytest.fixture
def tacit(settings: Settings, memory: Memory, fake_model: FakeModel) -> Iterator[Tacit]:
    from langgraph.checkpoint.memory import InMemorySaver

    service = Tacit(settings, model=fake_model, memory=memory, checkpointer=InMemorySaver())
    yield service
    service.close()
