"""The sessions sidebar: list, search, resume and forget conversations, at 80×24."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from assistant.service import Tacit
from assistant.settings import Settings
from tests.tui.test_chat import (
    USER,
    notifications,
    press,
    say,
    screen_text,
    settle,
    unwrapped,
)
from tui.app import make_app
from tui.confirm import Confirm
from tui.sidebar import SessionsSidebar
from tui.transcript import Transcript

pytestmark = pytest.mark.tui

SMALL = (80, 24)


@pytest.fixture(autouse=True)
def _no_questions(settings: Settings) -> None:
    """Messages here are answered straight away: questions are another screen's concern."""
    settings.ask_policy = "never"


def listed(app: object) -> list[str]:
    options = app.query_one("#sessions", OptionList)  # type: ignore[attr-defined]
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@pytest.fixture
def two_sessions(tacit: Tacit) -> tuple[str, str]:
    first = tacit.ask(USER, "planning a trip to Lisbon").session_id
    second = tacit.new_session(USER).id
    tacit.ask(USER, "bread recipe with rye", session_id=second)
    return first, second


async def test_the_sidebar_lists_sessions_and_enter_resumes_one(
        settings: Settings, tacit: Tacit, two_sessions: tuple[str, str]) -> None:
    first, second = two_sessions
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert app.session_id == second
        assert not app.query_one(SessionsSidebar).display  # hidden until asked for

        await pilot.press("ctrl+b")
        await settle(pilot)
        screen = screen_text(app)
        assert "bread recipe with rye (1)" in screen
        assert "planning a trip" in screen

        await pilot.press("down", "enter")  # the older conversation
        await settle(pilot)
        assert app.session_id == first
        assert "You said: planning a trip to Lisbon" in screen_text(
            app, within=app.query_one(Transcript))
        await say(pilot, "and the hotels")
        assert [m for m, _ in tacit.history(USER, first)] == [
            "planning a trip to Lisbon", "and the hotels"]

        await pilot.press("ctrl+b")
        await settle(pilot)
        assert not app.query_one(SessionsSidebar).display


async def test_search_narrows_the_list_by_title(
        settings: Settings, tacit: Tacit, two_sessions: tuple[str, str]) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        app.query_one("#session-search").focus()
        await pilot.press(*"lisbon")
        await pilot.pause()
        assert listed(app) == ["planning a trip to Lisbon (1)"]

        await pilot.press("enter", "enter")  # to the list, then resume the match
        await settle(pilot)
        assert app.session_id == two_sessions[0]


async def test_forgetting_asks_first_says_what_goes_and_deletes_it(
        settings: Settings, tacit: Tacit, two_sessions: tuple[str, str]) -> None:
    first, second = two_sessions
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        await pilot.press("down", "d")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        details = unwrapped(app)
        assert "1 exchange(s) will be deleted" in details
        assert "Rewritten:" in details  # the summaries made from it
        assert "cannot be undone" in details

        await pilot.press("n")  # changing one's mind keeps everything
        await settle(pilot)
        assert tacit.history(USER, first) != []

        await pilot.press("d", "y")
        await settle(pilot)
        assert [s.id for s, _ in tacit.sessions(USER)] == [second]
        assert tacit.search(USER, "Lisbon") == []
        assert listed(app) == ["bread recipe with rye (1)"]
        assert app.session_id == second  # the open conversation is untouched


async def test_forgetting_the_open_conversation_starts_a_new_one(
        settings: Settings, tacit: Tacit, two_sessions: tuple[str, str]) -> None:
    _, second = two_sessions
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.session_id not in (None, second)
        assert screen_text(app, within=app.query_one(Transcript)).strip() == ""
        assert tacit.history(USER, second) == []


async def test_renaming_a_conversation_keeps_the_new_title(
        settings: Settings, tacit: Tacit, two_sessions: tuple[str, str]) -> None:
    first, second = two_sessions
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await press(pilot, "ctrl+b", "r")  # the open conversation, highlighted first
        await press(pilot, "ctrl+u", *"Rye bread", "enter")
        assert listed(app)[0] == "Rye bread (1)"
        assert app.sub_title == "Rye bread"
        assert dict((s.id, s.title) for s, _ in tacit.sessions(USER))[second] == "Rye bread"

        await press(pilot, "down", "r", "escape")  # Escape leaves the title alone
        assert "planning a trip to Lisbon (1)" in listed(app)

        await press(pilot, "r", "ctrl+u", "enter")  # an empty title is refused, not stored
        assert any("The title is empty" in toast for toast in notifications(app))
        assert dict((s.id, s.title) for s, _ in tacit.sessions(USER))[first] == \
            "planning a trip to Lisbon"
