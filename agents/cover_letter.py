"""A cover letter drafted by code (``data/cover_letter.yaml``), with the person's parts left in
brackets to fill in.

"help me write a cover letter for a barista job" got, from the bundled model, a letter "to
assist you with your barista job application" that told of "managing multiple teams across
different regions" and "my passion for craft beer": a life the person never told. The letter
here names the job asked for and makes up nothing about them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from agents.data_files import data_yaml

_MOST_CHARS = 200


@cache
def catalog() -> dict[str, Any]:
    return data_yaml("cover_letter.yaml")


def answer(message: str) -> str | None:
    """The letter to fill in, for a request for a cover letter; None for anything else."""
    text = " ".join(message.split())
    spec = catalog()
    if len(text) > _MOST_CHARS or not re.search(spec["asks"], text, re.I) or \
            re.search(spec["unless"], text, re.I):
        return None
    found = re.search(spec["role"], text, re.I)
    role = ((found.group("role") or found.group("role2")) if found else "") or "[job title]"
    return "\n\n".join([spec["lead"], spec["letter"].format(role=role.strip().lower()),
                        spec["after"]])
