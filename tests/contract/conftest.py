"""Fixtures of the contract suite: one Prism for the session, a `Gigstack` pointed at it, and the
set of operations that went over the wire and were accepted by Prism."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from gigstack_async import Gigstack
from tests.operations import operation

from .prism import PrismServer, PrismUnavailable
from .recording import operation_of

API_KEY = "sk_test_contract_suite"
COVERAGE_MODULE = "test_operation_coverage.py"
HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def prism_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = PrismServer(tmp_path_factory.mktemp("prism") / "prism.log")
    failure = ""
    try:
        url = server.start()
    except PrismUnavailable as exc:
        failure = str(exc)
    if failure:
        server.stop()
        pytest.fail(failure, pytrace=False)  # never a skip: the contract must be checked
    try:
        yield url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def exercised_operations() -> set[str]:
    """Operation ids that Prism answered with a 2xx, i.e. a request it validated and accepted."""
    return set()


@pytest.fixture(scope="session")
def undeclared_query_keys() -> list[tuple[str, str]]:
    """(operation id, key) for every query key sent that the operation does not declare: Prism
    lets unknown query keys through, so the suite checks them itself."""
    return []


@pytest_asyncio.fixture
async def http(
    prism_url: str,
    exercised_operations: set[str],
    undeclared_query_keys: list[tuple[str, str]],
) -> AsyncIterator[httpx.AsyncClient]:
    async def note(response: httpx.Response) -> None:
        op_id = operation_of(response.request)
        if op_id is None:
            return
        declared = {param.name for param in operation(op_id).parameters("query")}
        for key, _ in response.request.url.params.multi_items():
            if key not in declared:
                undeclared_query_keys.append((op_id, key))
        if response.is_success:
            exercised_operations.add(op_id)

    hooks = {"response": [note]}
    async with httpx.AsyncClient(timeout=30.0, event_hooks=hooks, trust_env=False) as client:
        yield client


@pytest_asyncio.fixture
async def gs(prism_url: str, http: httpx.AsyncClient) -> AsyncIterator[Gigstack]:
    async with Gigstack(
        api_key=API_KEY, base_url=prism_url, max_retries=0, http_client=http
    ) as client:
        yield client


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the coverage check right after the last other contract test."""
    coverage = [item for item in items if item.path.name == COVERAGE_MODULE]
    if not coverage:
        return
    rest = [item for item in items if item.path.name != COVERAGE_MODULE]
    contract = [n for n, item in enumerate(rest) if HERE in item.path.parents]
    cut = contract[-1] + 1 if contract else len(rest)
    items[:] = [*rest[:cut], *coverage, *rest[cut:]]
