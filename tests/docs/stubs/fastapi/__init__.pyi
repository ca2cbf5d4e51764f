# The part of FastAPI's public types that examples/webhooks_fastapi.py uses, so that the example is
# type-checked where FastAPI is not installed. FastAPI's Request, Response and BackgroundTasks are
# Starlette's (FastAPI re-exports them), and its route decorators return the function unchanged.
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.applications import Starlette
from starlette.background import BackgroundTasks as BackgroundTasks
from starlette.requests import Request as Request
from starlette.responses import Response as Response

_Endpoint = TypeVar("_Endpoint", bound=Callable[..., Any])

class FastAPI(Starlette):
    def post(self, path: str, **options: Any) -> Callable[[_Endpoint], _Endpoint]: ...
