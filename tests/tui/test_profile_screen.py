"""The profile screen (F5): preferences with confidence and where they came from, sensitive
details masked until shown, and forgetting either."""

from __future__ import annotations

import pytest

from assistant.service import Tacit
from assistant.settings import Settings
from tests.tui.test_chat import USER, listed, press, screen_text, unwrapped
from tui.app import make_app
from tui.confirm import Confirm
from tui.profile_screen import ProfileScreen

pytestmark = pytest.mark.tui

SIZE = (100, 30)
ROWS = "#profile"


@pytest.fixture
def known(settings: Settings, tacit: Tacit) -> Tacit:
    settings.ask_policy = "never"
    tacit.ask(USER, "I am vegetarian")
    tacit.memory.add(USER, "diagnosed with asthma", kind="sensitive")
    return tacit


async def test_preferences_show_confidence_and_the_turn_they_came_from(
        settings: Settings, known: Tacit) -> None:
    [preference] = known.profile(USER)
    app = make_app(settings, user=USER, tacit=known)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f5")
        assert isinstance(app.screen, ProfileScreen)
        rows = listed(app, ROWS)
        assert rows[0] == (f"{preference.name}: {preference.value} · confidence "
                           f"{preference.confidence:.2f} · from “I am vegetarian”")
        assert rows[1].startswith("sensitive · ••••••")
        assert "asthma" not in screen_text(app)

        await press(pilot, "s")
        assert listed(app, ROWS)[1] == "sensitive · diagnosed with asthma"
        await press(pilot, "s")
        assert "asthma" not in screen_text(app)


async def test_forgetting_a_preference_and_a_sensitive_detail(
        settings: Settings, known: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=known)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f5", "f")
        assert isinstance(app.screen, Confirm)
        assert "will no longer assume" in screen_text(app)
        await press(pilot, "y")
        assert known.profile(USER) == []
        assert listed(app, ROWS)[0].startswith("sensitive")

        await press(pilot, "f")
        preview = unwrapped(app)
        assert "(sensitive) will be deleted" in preview and "asthma" not in preview
        await press(pilot, "y")
        assert not [i for i in known.memories(USER) if i.kind == "sensitive"]
        assert "No preferences known yet" in screen_text(app)
