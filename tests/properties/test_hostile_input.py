"""Hostile ids and team names can never change the route, add a query key or reach a header.

Every request goes to an in-memory transport, where the exact wire form is inspected: the raw path
must be the operation's template with each parameter as one percent-encoded segment that decodes
back to the caller's value, and the query must hold exactly the declared keys.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from urllib.parse import unquote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gigstack_async import APIResponseValidationError, Gigstack, GigstackError
from gigstack_async._generated.registry import OPERATIONS
from tests import operations

BASE = "https://gigstack.test/v2"
KEY = "sk_test_hostile"
PIECES = [
    "/", "?", "#", "%", "..", ".", "\r\n", "\r", "\n", "%2F", "%2e%2e", "%0d%0a", "&", "=",
    "&team=evil", "?limit=1", "#frag", " ", "+", ";", "\\", "\x00", "\t", "é", "日本", "😀",
    "\u202e", "client_1",
]  # fmt: skip
hostile = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), min_size=1, max_size=6).map(
    "".join
)
usable = hostile.filter(lambda value: bool(value.strip()) and value not in (".", ".."))
EXPECTED_HEADERS = {
    "host", "accept", "accept-encoding", "connection", "user-agent", "authorization",
    "content-type", "content-length",
}  # fmt: skip

BOUNDED = settings(
    max_examples=75,
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# Every operation with a path parameter, called with its example body and query options.
WITH_PATH_IDS = sorted(op_id for op_id in OPERATIONS if operations.path_parameters(op_id))


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"message": "ok", "data": {"id": "res_1"}})


async def send(op_id: str, ids: list[str], team: str, scope: str) -> list[httpx.Request]:
    """Make the call, with the team given per call, through for_team, or to the constructor."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    query = {keyword: value for keyword, (_, value) in operations.example_query(op_id).items()}
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
        base = Gigstack(
            KEY, base_url=BASE, http_client=http, team=team if scope == "client" else None
        )
        if scope == "for_team":
            base = base.for_team(team)
        team_option = {"team": team} if scope == "call" else {}
        # Only the request matters: an answer of another shape than this operation's is fine.
        with contextlib.suppress(APIResponseValidationError):
            await operations.call(base, op_id, ids, **query, **team_option)
    return seen


def check_route(op_id: str, request: httpx.Request, ids: list[str]) -> None:
    raw_path, _, _ = request.url.raw_path.partition(b"?")
    assert raw_path.startswith(b"/v2/")
    segments = raw_path[len(b"/v2") :].decode("ascii").split("/")
    template = OPERATIONS[op_id].path.split("/")
    assert len(segments) == len(template), (raw_path, template)
    values = iter(ids)
    for segment, part in zip(segments, template, strict=True):
        if part.startswith("{"):
            assert not set(segment) & set("/?#\r\n ")
            assert unquote(segment, errors="strict") == next(values)
        else:
            assert segment == part


def check_query(op_id: str, request: httpx.Request, team: str) -> None:
    keys = [key for key, _ in request.url.params.multi_items()]
    declared = {name for name, _ in operations.example_query(op_id).values()}
    assert sorted(keys) == sorted({"team", *declared})  # exactly once each
    assert request.url.params["team"] == team
    assert request.url.fragment == ""


def check_headers(request: httpx.Request) -> None:
    assert {name.decode().lower() for name, _ in request.headers.raw} <= EXPECTED_HEADERS
    for _, value in request.headers.raw:
        assert b"\r" not in value and b"\n" not in value


@pytest.mark.parametrize("op_id", WITH_PATH_IDS)
@settings(BOUNDED, max_examples=25)  # per operation: every one shares the path-encoding code
@given(data=st.data())
def test_hostile_ids_and_team_stay_in_their_place(op_id: str, data: st.DataObject) -> None:
    ids = [data.draw(usable, label="id") for _ in range(OPERATIONS[op_id].path.count("{"))]
    team = data.draw(usable, label="team")
    scope = data.draw(st.sampled_from(["call", "for_team", "client"]), label="team given")
    (request,) = asyncio.run(send(op_id, ids, team, scope))
    assert request.method == OPERATIONS[op_id].method
    check_route(op_id, request, ids)
    check_query(op_id, request, team)
    check_headers(request)


@pytest.mark.parametrize("dots", [".", ".."])
@pytest.mark.parametrize("op_id", WITH_PATH_IDS)
def test_dot_segments_are_refused_before_the_network(op_id: str, dots: str) -> None:
    # URL normalisation would turn `/clients/..` into `/`: no such id can be sent safely.
    ids = [dots] * OPERATIONS[op_id].path.count("{")
    with pytest.raises(ValueError, match="not a valid id"):
        asyncio.run(send(op_id, ids, "team_1", "call"))


@pytest.mark.parametrize("blank", ["", " ", "\t\r\n"])
def test_blank_ids_and_teams_are_refused_before_the_network(blank: str) -> None:
    with pytest.raises(ValueError):
        asyncio.run(send("clients_get", [blank], "team_1", "call"))
    for scope in ("call", "for_team", "client"):
        with pytest.raises(ValueError):
            asyncio.run(send("clients_get", ["client_1"], blank, scope))


@BOUNDED
@given(
    key=st.tuples(st.text(max_size=5), st.sampled_from(["\r", "\n", "\r\n"]), st.text(max_size=5))
)
def test_a_key_with_a_line_break_never_becomes_a_header(key: tuple[str, str, str]) -> None:
    with pytest.raises(GigstackError):
        Gigstack("".join(key), base_url=BASE)


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_a_path_segment_is_exactly_what_percent_encoding_gives(value: str) -> None:
    from urllib.parse import quote

    from gigstack_async._paths import path_segment

    assert path_segment(value) == quote(value, safe="")
