"""`tacit serve` through the official openai client, against a real uvicorn on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import openai
import pytest
import uvicorn

from assistant.models.fake import FakeModel
from assistant.server import QueuedModel, make_app
from assistant.service import Tacit
from memory import keys

DINNER = "Any ideas for dinner tonight?"  # the fake model's profile has no diet: a question


@dataclass
class Running:
    url: str
    tacit: Tacit

    def key(self, user: str) -> str:
        return keys.add(self.tacit.memory.engine, user)[1]

    def client(self, key: str) -> openai.OpenAI:
        return openai.OpenAI(base_url=self.url, api_key=key, max_retries=0, timeout=30)

    def get(self, path: str, key: str | None, **params: object) -> httpx.Response:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.get(self.url + path, headers=headers, params=params, timeout=30)


def run_server(app: object) -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a thread; yield its /v1 URL; stop it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:  # readiness, not timing: the test waits for the listening flag
        if not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.should_exit = True
        thread.join()


@pytest.fixture
def running(tacit: Tacit) -> Iterator[Running]:
    yield from (Running(url, tacit) for url in run_server(make_app(tacit)))


def _say(client: openai.OpenAI, *messages: str, session: str | None = None) -> object:
    history = [{"role": "user" if n % 2 == 0 else "assistant", "content": text}
               for n, text in enumerate(messages)]
    headers = {"X-Tacit-Session": session} if session else None
    return client.chat.completions.with_raw_response.create(
        model="tacit", messages=history, extra_headers=headers)  # type: ignore[arg-type]


def test_a_chat_completion_answers_and_is_stored_for_the_keys_user(running: Running) -> None:
    client = running.client(running.key("ana"))
    raw = _say(client, "What should I feed Miso, my cat?")
    reply = raw.parse()  # type: ignore[attr-defined]
    assert reply.choices[0].message.content == "You said: What should I feed Miso, my cat?"
    session = raw.headers["X-Tacit-Session"]  # type: ignore[attr-defined]
    assert running.tacit.history("ana", session) == [(
        "What should I feed Miso, my cat?", "You said: What should I feed Miso, my cat?")]
    assert [m.id for m in client.models.list().data] == ["tacit"]


def test_the_user_comes_from_the_key_never_from_the_body(running: Running) -> None:
    client = running.client(running.key("ana"))
    client.chat.completions.create(model="tacit", user="bob",
                                   messages=[{"role": "user", "content": "I live in Lyon."}],
                                   extra_body={"user_id": "bob"})
    assert running.tacit.sessions("bob") == []
    assert len(running.tacit.sessions("ana")) == 1


def test_streaming_sends_the_final_reply_in_chunks(running: Running) -> None:
    client = running.client(running.key("ana"))
    text = "What is Lyon like? My sister Clara lives there, near the old bridges."
    stream = client.chat.completions.create(
        model="tacit", stream=True, messages=[{"role": "user", "content": text}])
    pieces = [c.choices[0].delta.content or "" for c in stream if c.choices]
    assert len([p for p in pieces if p]) > 1, pieces
    [(_, stored)] = [pair for s, _ in running.tacit.sessions("ana")
                     for pair in running.tacit.history("ana", s.id)]
    assert "".join(pieces) == stored == f"You said: {text}"


def test_the_history_a_client_resends_continues_the_same_session(running: Running) -> None:
    client = running.client(running.key("ana"))
    first = _say(client, "My cat is called Miso.").parse()  # type: ignore[attr-defined]
    answer = first.choices[0].message.content
    _say(client, "My cat is called Miso.", answer, "My dog is called Pepper.")
    [(session, turns)] = running.tacit.sessions("ana")
    assert turns == 2
    assert [u for u, _ in running.tacit.history("ana", session.id)] == [
        "My cat is called Miso.", "My dog is called Pepper."]
    _say(client, "A different conversation.")
    assert len(running.tacit.sessions("ana")) == 2
    _say(client, "My cat is called Miso.")  # a new chat that starts the same way
    assert len(running.tacit.sessions("ana")) == 3


def test_a_question_is_the_assistant_message_and_the_next_message_answers_it(
        running: Running, fake_model: FakeModel) -> None:
    client = running.client(running.key("ana"))
    asked = _say(client, DINNER)
    session = asked.headers["X-Tacit-Session"]  # type: ignore[attr-defined]
    question = asked.parse().choices[0].message.content  # type: ignore[attr-defined]
    assert "vegetarian" in question.lower()
    assert running.tacit.history("ana", session) == []  # nothing stored while waiting
    done = _say(client, DINNER, question, "vegetarian").parse()  # type: ignore[attr-defined]
    assert running.tacit.history("ana", session)[0][0] == DINNER
    # the dinner is a recipe written by code, one the answer allows: no model call for it
    assert done.choices[0].message.content.startswith("**")  # type: ignore[attr-defined]
    assert done.choices[0].message.content == running.tacit.history("ana", session)[0][1]


def test_memory_search_export_and_delete_are_the_keys_users_only(running: Running) -> None:
    ana, bob = running.key("ana"), running.key("bob")
    _say(running.client(ana), "My locker code is 4417 at the swimming pool.")
    # bob's code is a word no generated id or timing can hold by chance ("9902" was found in a
    # turn's hex id)
    _say(running.client(bob), "My bike lock code is Kestrel at the swimming pool.")
    found = running.get("/memory/search", ana, q="swimming pool code").json()["data"]
    assert found and all("4417" in h["text"] and "Kestrel" not in h["text"] for h in found)
    exported = running.get("/memory/export", ana).json()
    assert exported["user_id"] == "ana" and "kestrel" not in str(exported).lower()
    assert "4417" in str(exported)

    bobs_turn = running.get("/memory/search", bob, q="bike lock").json()["data"][0]["id"]
    refused = httpx.delete(f"{running.url}/memory/{bobs_turn}",
                           headers={"Authorization": f"Bearer {ana}"})
    assert refused.status_code == 404 and "kestrel" not in refused.text.lower()
    assert running.get("/memory/search", bob, q="bike lock").json()["data"]

    mine = found[0]["id"]
    deleted = httpx.delete(f"{running.url}/memory/{mine}",
                           headers={"Authorization": f"Bearer {ana}"})
    assert deleted.status_code == 200 and deleted.json()["deleted"] is True
    assert "4417" not in str(running.get("/memory/export", ana).json()["turns"])


def test_sessions_and_instructions_are_listed_for_the_key_user(running: Running) -> None:
    ana = running.key("ana")
    raw = _say(running.client(ana), "Where is the nearest bakery?")
    session = raw.headers["X-Tacit-Session"]  # type: ignore[attr-defined]
    _say(running.client(ana), "/instruct add always answer in metric units")
    listed = running.get("/sessions", ana).json()["data"]
    assert session in [s["id"] for s in listed]
    turns = running.get(f"/sessions/{session}", ana).json()["turns"]
    assert turns[0]["user"] == "Where is the nearest bakery?"
    rules = running.get("/instructions", ana).json()["data"]
    assert any("metric" in r["text"] for r in rules)
    bob = running.key("bob")
    assert running.get("/instructions", bob).json()["data"] == []
    assert running.get("/sessions", bob).json()["data"] == []
    assert running.get(f"/sessions/{session}", bob).status_code == 404


@pytest.mark.parametrize("key", [None, "wrong", "tacit-not-a-real-key", "revoked"])
def test_no_wrong_or_revoked_key_is_refused_and_reveals_nothing(running: Running,
                                                                 key: str | None) -> None:
    ana = running.key("ana")
    _say(running.client(ana), "My passport number is X1234567.")
    if key == "revoked":
        key = running.key("ana")
        [*_, row] = keys.listing(running.tacit.memory.engine, "ana")
        keys.revoke(running.tacit.memory.engine, row.id)
    for path in ("/models", "/memory/export", "/sessions", "/instructions"):
        got = running.get(path, key)
        assert got.status_code == 401 and "X1234567" not in got.text
    got = running.get("/memory/search", key, q="passport")
    assert got.status_code == 401 and "X1234567" not in got.text
    asking = [{"role": "user", "content": "what is my passport?"}]
    if key is None:  # the openai client will not even send without a key
        got = httpx.post(f"{running.url}/chat/completions", json={"messages": asking})
        assert got.status_code == 401 and "X1234567" not in got.text
    else:
        with pytest.raises(openai.AuthenticationError):
            running.client(key).chat.completions.create(model="tacit", messages=asking)
    assert len(running.tacit.sessions("ana")) == 1


def test_another_users_session_id_is_not_found(running: Running) -> None:
    ana, bob = running.key("ana"), running.key("bob")
    raw = _say(running.client(ana), "My passport number is X1234567.")
    anas_session = raw.headers["X-Tacit-Session"]  # type: ignore[attr-defined]
    with pytest.raises(openai.NotFoundError) as err:
        _say(running.client(bob), "What is my passport number?", session=anas_session)
    assert "X1234567" not in str(err.value)
    assert running.tacit.history("ana", anas_session) == [
        ("My passport number is X1234567.", "You said: My passport number is X1234567.")]
    assert running.tacit.sessions("bob") == []


def test_a_malformed_request_is_a_clear_error_and_stores_nothing(running: Running) -> None:
    ana = running.key("ana")
    headers = {"Authorization": f"Bearer {ana}"}
    for body in ({"model": "tacit"}, {"messages": "hello"},
                 {"messages": [{"role": "assistant", "content": "hi"}]},
                 {"messages": [{"role": "user", "content": "   "}]}):
        got = httpx.post(f"{running.url}/chat/completions", json=body, headers=headers)
        assert got.status_code == 400, got.text
        assert got.json()["error"]["message"]
    got = httpx.post(f"{running.url}/chat/completions", content=b"{not json",
                     headers={**headers, "Content-Type": "application/json"})
    assert got.status_code == 400
    assert running.tacit.sessions("ana") == []


def test_concurrent_users_each_get_their_own_reply(running: Running) -> None:
    users = [f"user{n}" for n in range(6)]
    secrets = {u: running.key(u) for u in users}
    replies: dict[str, str] = {}

    def talk(user: str) -> None:
        reply = running.client(secrets[user]).chat.completions.create(
            model="tacit", messages=[{"role": "user", "content": f"I am {user}."}])
        replies[user] = reply.choices[0].message.content or ""

    threads = [threading.Thread(target=talk, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert replies == {u: f"You said: I am {u}." for u in users}
    for user in users:
        [(session, _)] = running.tacit.sessions(user)
        assert running.tacit.history(user, session.id) == [(f"I am {user}.", replies[user])]


def test_the_queued_model_lets_one_generation_run_at_a_time() -> None:
    inside, most = 0, 0
    guard = threading.Lock()

    class Counting(FakeModel):
        def stream(self, messages, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal inside, most
            with guard:
                inside += 1
                most = max(most, inside)
            yield from super().stream(messages, **kwargs)
            time.sleep(0.01)  # widen the window in which an unqueued call would overlap
            with guard:
                inside -= 1

    model = QueuedModel(Counting())
    threads = [threading.Thread(target=model.complete,
                                args=([{"role": "user", "content": f"hi {n}"}],))
               for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 1
    assert model.name == "fake"


def test_a_forgotten_conversation_leaves_no_link_and_starts_afresh(running: Running) -> None:
    from sqlmodel import Session as DbSession
    from sqlmodel import select

    from memory.schema import ApiConversation

    ana = running.key("ana")
    raw = _say(running.client(ana), "My cat is called Miso.")
    session = raw.headers["X-Tacit-Session"]  # type: ignore[attr-defined]
    gone = httpx.delete(f"{running.url}/memory/{session}",
                        headers={"Authorization": f"Bearer {ana}"})
    assert gone.status_code == 200
    with DbSession(running.tacit.memory.engine) as db:
        assert db.exec(select(ApiConversation)).all() == []
    again = _say(running.client(ana), "My cat is called Miso.")
    assert again.headers["X-Tacit-Session"] != session  # type: ignore[attr-defined]
    assert len(running.tacit.sessions("ana")) == 1


def test_the_served_service_queues_the_chat_model_and_each_role_model(settings) -> None:  # type: ignore[no-untyped-def]
    from assistant.server import ServedTacit

    settings.summarizer = settings.chat.model_copy()
    served = ServedTacit(settings, model=FakeModel())
    assert isinstance(served.model, QueuedModel) and served.model is served.model
    summarizer = served._role_model("summarizer")
    assert isinstance(summarizer, QueuedModel)
    assert summarizer is served._role_model("summarizer")
    assert summarizer.lock is not served.model.lock  # another context, another queue
    assert served._role_model("extractor") is None  # unset: the chat model plays it


def test_profile_and_why_are_the_key_users_only(running: Running) -> None:
    ana, bo = running.key("ana"), running.key("bo")
    client = running.client(ana)
    asked = _say(client, DINNER)
    question = asked.parse().choices[0].message.content  # type: ignore[attr-defined]
    done = _say(client, DINNER, question, "vegetarian").parse()  # type: ignore[attr-defined]
    [entry] = running.get("/profile", ana).json()["data"]
    assert (entry["name"], entry["value"]) == ("diet", "vegetarian")
    assert running.get("/profile", bo).json()["data"] == []
    turn = done.tacit["turn_id"]  # type: ignore[attr-defined]
    why = running.get(f"/turns/{turn}/why", ana).json()
    assert why["trace"]["elicit"] and why["trace"]["respond"]
    refused = running.get(f"/turns/{turn}/why", bo)
    assert refused.status_code == 404 and "vegetarian" not in refused.text
