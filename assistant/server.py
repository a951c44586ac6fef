"""``tacit serve``: an OpenAI-compatible HTTP API over the service facade.

Who is speaking comes from the API key alone (``Authorization: Bearer ...``), never from the
request body. A conversation is named by the ``X-Tacit-Session`` header, or recognised from its
history: chat clients resend every message, so the key and the first user message name it.
Only the newest user message is taken as input; the rest of the history is already Tacit's.

HTTP cannot take streamed text back, and the refine step may revise the draft, so a streamed
reply is sent once the turn is done: the final text, in chunks (what the person sees is what is
stored). A question from the turn is sent as the assistant's message; the next user message of
that conversation answers it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from agents.llm import ChatModel, Message
from assistant.errors import InputError, ModelError, NotFound, StoreError, TacitError
from assistant.service import Done, Question, Tacit, check_message
from memory import keys

SESSION_HEADER = "X-Tacit-Session"
MODEL_ID = "tacit"
CHUNK_CHARS = 24  # characters per streamed chunk of the final reply


class ApiError(Exception):
    """An HTTP refusal with an OpenAI-style error body."""

    def __init__(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status, self.message, self.kind = status, message, kind


UNAUTHORIZED = ApiError(401, "Missing, unknown or revoked API key.", "invalid_api_key")


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    """The part of OpenAI's chat request Tacit reads; other fields are accepted and ignored
    (sampling is Tacit's own, per model role)."""

    model_config = ConfigDict(extra="allow")

    model: str = MODEL_ID
    messages: list[ChatMessage]
    stream: bool = False


# Models shared by concurrent requests -------------------------------------------------------
class QueuedModel:
    """One model shared by every request, called by one request at a time.

    A llama.cpp context holds one generation's state; two threads generating through it at
    once corrupt each other's output. The lock is held for a whole generation, streams too.
    """

    def __init__(self, model: ChatModel, lock: threading.RLock | None = None) -> None:
        self.inner = model
        # Re-entrant: a caller may count tokens while it reads the stream it holds.
        self.lock = lock or threading.RLock()

    def __getattr__(self, name: str) -> Any:  # name, context_window, max_tokens
        return getattr(self.inner, name)

    def stream(self, messages: list[Message], **kwargs: Any) -> Iterator[str]:
        with self.lock:
            yield from self.inner.stream(messages, **kwargs)

    def complete(self, messages: list[Message], **kwargs: Any) -> str:
        with self.lock:
            return self.inner.complete(messages, **kwargs)

    def structured(self, messages: list[Message], schema: Any) -> Any:
        with self.lock:
            return self.inner.structured(messages, schema)

    def count_tokens(self, text: str) -> int:
        with self.lock:
            return self.inner.count_tokens(text)


def shared_model(model: ChatModel, backend: str) -> ChatModel:
    """``model`` made safe to share: queued when it runs in process, as is when remote (a
    remote server takes parallel requests itself)."""
    if backend == "litellm" or isinstance(model, QueuedModel):
        return model
    return QueuedModel(model)


class ServedTacit(Tacit):
    """The service with every in-process model queued: the chat model and the role models
    (extractor, summarizer) it opens on first use."""

    def __init__(self, settings: Any, **parts: Any) -> None:
        if parts.get("model") is not None:
            parts["model"] = shared_model(parts["model"], settings.chat.resolved_backend())
        super().__init__(settings, **parts)
        self._queued: dict[str, ChatModel] = {}
        self._queue_guard = threading.Lock()

    @property
    def model(self) -> ChatModel:
        opened = super().model
        return opened if isinstance(opened, QueuedModel) else self._shared("chat", opened)

    def _role_model(self, role: str) -> ChatModel | None:
        opened = super()._role_model(role)
        return None if opened is None else self._shared(role, opened)

    def _shared(self, role: str, opened: ChatModel) -> ChatModel:
        with self._queue_guard:
            if role not in self._queued:
                self._queued[role] = shared_model(opened,
                                                  self.settings.role(role).resolved_backend())
            return self._queued[role]


# The app --------------------------------------------------------------------------------------
@dataclass
class Turn:
    """What a chat request produced: the reply (or the question) and where it is stored."""

    text: str
    session_id: str
    turn_id: str
    asked: bool
    ms: float = 0.0  # time spent in the turn itself (what HTTP adds is the rest)


class Api:
    """The handlers, over one :class:`Tacit` shared by every user."""

    def __init__(self, tacit: Tacit) -> None:
        self.tacit = tacit
        # One turn at a time per user: a person's turns build on each other (the memory tree,
        # pending questions), while different people's turns run side by side.
        self._user_locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._guard = threading.Lock()

    @property
    def engine(self) -> Any:
        return self.tacit.memory.engine

    def caller(self, authorization: str | None) -> keys.Caller:
        scheme, _, secret = (authorization or "").partition(" ")
        found = keys.caller(self.engine, secret.strip()) if scheme.lower() == "bearer" else None
        if found is None:
            raise UNAUTHORIZED
        return found

    @contextmanager
    def turn_of(self, user: str) -> Iterator[None]:
        with self._guard:
            lock = self._user_locks[user]
        with lock:
            yield

    def session_for(self, who: keys.Caller, messages: list[ChatMessage],
                    header: str | None) -> str:
        """The session this request continues: named by the header, or recognised from its
        first user message when it has more than one; a new one for a new conversation."""
        user = who.user_id
        if header:
            if self.tacit.session(user, header.strip()) is None:
                raise ApiError(404, "No such conversation.", "not_found")
            return header.strip()
        said = [_text(m) for m in messages if m.role == "user"]
        name = hashlib.sha256(f"{who.key_id}\x00{said[0]}".encode()).hexdigest()
        linked = keys.conversation(self.engine, name)
        # One user message is a conversation's start, however often it was said before.
        if len(said) > 1 and linked is not None and linked.user_id == user and \
                self.tacit.session(user, linked.session_id) is not None:
            return linked.session_id
        session = self.tacit.new_session(user)
        keys.link_conversation(self.engine, name, user, session.id)
        return session.id

    def chat(self, who: keys.Caller, request: ChatRequest, header: str | None) -> Turn:
        """Run one turn to its end (or its question), holding the user's turn lock."""
        said = [m for m in request.messages if m.role == "user"]
        if not said:
            raise ApiError(400, "The request has no user message.")
        # Checked before a session is made for it: a refused message leaves nothing behind.
        message = check_message(_text(said[-1]), self.tacit.settings.max_message_chars)
        with self.turn_of(who.user_id):
            session_id = self.session_for(who, request.messages, header)
            last: Done | Question | None = None
            start = time.perf_counter()
            for event in self.tacit.send(who.user_id, session_id, message):
                if isinstance(event, Done | Question):
                    last = event
            ms = (time.perf_counter() - start) * 1000
        if isinstance(last, Question):
            return Turn(question_text(last), session_id, "", True, ms)
        if last is None:  # pragma: no cover - a turn ends in Done or Question
            raise TacitError("The turn ended without a reply.")
        return Turn(last.reply, session_id, last.turn_id, False, ms)


def make_app(tacit: Tacit) -> FastAPI:
    """The HTTP app over ``tacit``; a :class:`ServedTacit` shares its models safely between
    concurrent requests (``tacit serve`` uses one)."""
    app = FastAPI(title="Tacit", version="1", docs_url=None, redoc_url=None)
    api = Api(tacit)
    app.state.api = api

    @app.exception_handler(ApiError)
    async def refused(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.message, exc.kind)

    @app.exception_handler(RequestValidationError)
    async def malformed(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return _error(400, f"Malformed request: {where or 'body'}: {first.get('msg', '')}")

    @app.exception_handler(StarletteHTTPException)
    async def unreadable(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # the body is not JSON (not UTF-8, nested too deep...)
            message = ("The request body could not be read as JSON. Send one JSON object "
                       "in UTF-8, as OpenAI's chat API takes it.")
        elif exc.status_code == 404:
            message = f"No such endpoint: {request.method} {request.url.path}."
        else:
            message = str(exc.detail)
        return _error(exc.status_code, message)

    @app.exception_handler(TacitError)
    async def failed(_: Request, exc: TacitError) -> JSONResponse:
        status = 400 if isinstance(exc, InputError) else 502 if isinstance(exc, ModelError) \
            else 503 if isinstance(exc, StoreError) else 500
        return _error(status, f"{exc.title}: {exc}", "tacit_error")

    async def run(call: Any, *args: Any) -> Any:
        return await asyncio.to_thread(call, *args)

    @app.get("/v1/models")
    async def models(authorization: str | None = Header(None)) -> dict[str, Any]:
        await run(api.caller, authorization)
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0,
                                            "owned_by": "tacit"}]}

    @app.post("/v1/chat/completions", response_model=None)
    async def chat(request: ChatRequest, authorization: str | None = Header(None),
                   x_tacit_session: str | None = Header(None)
                   ) -> JSONResponse | StreamingResponse:
        who = await run(api.caller, authorization)
        turn: Turn = await run(api.chat, who, request, x_tacit_session)
        headers = {SESSION_HEADER: turn.session_id, "X-Tacit-Turn-Ms": f"{turn.ms:.1f}"}
        reply_id = f"chatcmpl-{turn.turn_id or turn.session_id}"
        if request.stream:
            return StreamingResponse(_chunks(reply_id, request.model, turn.text),
                                     media_type="text/event-stream", headers=headers)
        return JSONResponse(_completion(reply_id, request.model, turn), headers=headers)

    @app.get("/v1/memory/search")
    async def search(q: str = Query(..., min_length=1), k: int = Query(8, ge=1, le=100),
                     authorization: str | None = Header(None)) -> dict[str, Any]:
        who = await run(api.caller, authorization)
        hits = await run(tacit.search, who.user_id, q, k)
        return {"object": "list", "data": [
            {"id": h.id, "kind": h.kind, "text": h.text, "score": h.score,
             "created_at": h.created_at.isoformat(), "session_id": h.session_id,
             "matched_by": h.matched_by} for h in hits]}

    @app.get("/v1/memory/export")
    async def export(authorization: str | None = Header(None)) -> dict[str, Any]:
        who = await run(api.caller, authorization)
        return await run(tacit.export, who.user_id)

    @app.delete("/v1/memory/{target_id}")
    async def forget(target_id: str,
                     authorization: str | None = Header(None)) -> dict[str, Any]:
        who = await run(api.caller, authorization)

        def forgetting() -> int:
            with api.turn_of(who.user_id):  # Tacit.forget empties the stores' logs too
                return tacit.forget(who.user_id, target_id)

        removed = await run(forgetting)
        if not removed:
            raise ApiError(404, "Nothing with that id.", "not_found")
        return {"id": target_id, "deleted": True, "removed": removed}

    @app.get("/v1/sessions")
    async def sessions(authorization: str | None = Header(None)) -> dict[str, Any]:
        who = await run(api.caller, authorization)
        listed = await run(tacit.sessions, who.user_id)
        return {"object": "list", "data": [
            {"id": s.id, "title": s.title, "turns": n, "created_at": s.created_at.isoformat(),
             "updated_at": s.updated_at.isoformat()} for s, n in listed]}

    @app.get("/v1/sessions/{session_id}")
    async def session(session_id: str,
                      authorization: str | None = Header(None)) -> dict[str, Any]:
        who = await run(api.caller, authorization)
        if await run(tacit.session, who.user_id, session_id) is None:
            raise ApiError(404, "No such conversation.", "not_found")
        pairs = await run(tacit.history, who.user_id, session_id)
        return {"id": session_id, "turns": [{"user": u, "assistant": r} for u, r in pairs]}

    @app.get("/v1/profile")
    async def profile(authorization: str | None = Header(None)) -> dict[str, Any]:
        who = await run(api.caller, authorization)
        return {"object": "list", "data": await run(tacit.profile_export, who.user_id)}

    @app.get("/v1/turns/{turn_id}/why")
    async def why(turn_id: str, authorization: str | None = Header(None)) -> dict[str, Any]:
        """What shaped a reply: the turn's trace, the object the chat app's why panel shows."""
        who = await run(api.caller, authorization)
        try:
            found = await run(tacit.explain, who.user_id, turn_id)
        except NotFound:
            raise ApiError(404, "No such turn.", "not_found") from None
        return {"id": turn_id, "session_id": found.session_id, "trace": found.trace}

    @app.get("/v1/instructions")
    async def instructions(authorization: str | None = Header(None)) -> dict[str, Any]:
        who = await run(api.caller, authorization)
        rows = await run(tacit.instructions, who.user_id, True)
        return {"object": "list", "data": [
            {"id": r.id, "text": r.text, "condition": r.condition, "enabled": r.enabled}
            for r in rows]}

    return app


def question_text(question: Question) -> str:
    """A question as a chat message, its quick answers numbered (a number answers too)."""
    choices = question.details.get("choices") or []
    if not choices:
        return question.text
    listed = "\n".join(f"{i}. {choice}" for i, choice in enumerate(choices, 1))
    return (f"{question.text}\n\n{listed}\n\n"
            "Reply with a number or in your own words; \"just answer\" skips questions.")


def _text(message: ChatMessage) -> str:
    """A message's text: a string, or the text parts of a list of content parts."""
    if isinstance(message.content, str):
        return message.content
    parts = message.content or []
    return "\n".join(str(p.get("text", "")) for p in parts if p.get("type") == "text")


def _error(status: int, message: str, kind: str = "invalid_request_error") -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": kind, "code": status}},
                        status_code=status)


def _completion(reply_id: str, model: str, turn: Turn) -> dict[str, Any]:
    return {
        "id": reply_id, "object": "chat.completion", "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": turn.text}}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "tacit": {"session_id": turn.session_id, "turn_id": turn.turn_id,
                  "question": turn.asked},
    }


async def _chunks(reply_id: str, model: str, text: str) -> AsyncIterator[str]:
    """The final reply as OpenAI stream chunks (server-sent events)."""
    def event(delta: dict[str, str], finish: str | None = None) -> str:
        chunk = {"id": reply_id, "object": "chat.completion.chunk",
                 "created": int(time.time()), "model": model,
                 "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

    yield event({"role": "assistant", "content": ""})
    for start in range(0, len(text), CHUNK_CHARS):
        yield event({"content": text[start:start + CHUNK_CHARS]})
    yield event({}, "stop")
    yield "data: [DONE]\n\n"


def serve(tacit: Tacit, host: str, port: int) -> None:
    """Run the API until interrupted (the model and stores are opened first)."""
    import uvicorn

    tacit.warm_up()
    uvicorn.run(make_app(tacit), host=host, port=port, log_level="info")
