"""Every model of the spec (generated attrs classes), plus `UNSET`/`Unset` for optional fields.

Input models can be passed as request bodies instead of plain dicts; responses come back as these
classes, with unknown fields kept in `additional_properties`.
"""

from ._generated.models import *  # noqa: F403
from ._generated.models import __all__ as _models
from ._generated.types import UNSET, Unset

__all__ = [*_models, "UNSET", "Unset"]
