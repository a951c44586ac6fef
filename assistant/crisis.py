"""What front ends need to show crisis resources apart from the rest of a reply."""

from __future__ import annotations

from agents.safety_resources import split_required


def split_resources(reply: str) -> tuple[str, str]:
    """(the crisis resources that open ``reply``, the rest); ("", reply) when there are none.

    The resources are composed by code and always lead a crisis reply, so a front end can
    show them as their own block (the chat screen's red box) whether the reply is live or
    read back from history.
    """
    return split_required(reply)
