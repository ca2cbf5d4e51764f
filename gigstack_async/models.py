"""Every model of the spec (generated attrs classes), plus `UNSET`/`Unset` for optional fields.

Input models can be passed as request bodies instead of plain dicts; responses come back as these
classes, with unknown fields kept in `additional_properties`. A model's module is imported the first
time its name is used here.
"""

from typing import TYPE_CHECKING

from ._generated import models as _models
from ._generated.types import UNSET, Unset

if TYPE_CHECKING:
    from ._generated.models import *  # noqa: F403

__all__ = [*_models.__all__, "UNSET", "Unset"]


def __getattr__(name: str) -> object:
    return getattr(_models, name)


def __dir__() -> list[str]:
    return sorted(__all__)
