"""Path parameters in request URLs."""

from __future__ import annotations

import re
from urllib.parse import quote

# The characters percent-encoding leaves as they are: most ids have no others.
_UNCHANGED = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch


def path_segment(value: object) -> str:
    """`value` as one URL path segment, percent-encoded, so that `/`, `?` or `#` in an id stays
    inside its segment."""
    text = str(value)
    return text if _UNCHANGED(text) else quote(text, safe="")
