"""A cover letter to fill in, written by code: the job asked for named, nothing about the person
made up."""

from __future__ import annotations

from agents.cover_letter import answer
from assistant.service import Tacit


def test_a_cover_letter_names_the_job_and_leaves_the_person_s_parts_to_fill() -> None:
    """"help me write a cover letter for a barista job" got "my passion for craft beer" and
    "managing multiple teams across different regions"."""
    letter = answer("help me write a cover letter for a barista job") or ""
    assert "apply for the barista position at [organisation]" in letter
    assert "[your name]" in letter and "craft beer" not in letter
    assert "[job title] position" in (answer("can you write me a cover letter?") or "")
    assert answer("what is a cover letter?") is None
    assert answer("can you check my cover letter? here's my draft") is None


def test_a_cover_letter_in_a_conversation_is_written_by_code(tacit: Tacit) -> None:
    shown = tacit.ask("ana", "help me write a cover letter for a barista job").shown
    assert shown.startswith("Here's a cover letter to fill in")
