"""Every operation of the registry went through Prism (ordered after the other contract tests by
this folder's conftest)."""

from __future__ import annotations

import pytest

from gigstack_async._generated.registry import OPERATIONS

pytestmark = pytest.mark.contract


def test_every_operation_was_called_and_accepted(exercised_operations: set[str]) -> None:
    missing = sorted(set(OPERATIONS) - exercised_operations)
    assert not missing, (
        f"{len(missing)} operations were never accepted by Prism (run the whole contract "
        f"suite): {missing}"
    )
    assert exercised_operations == set(OPERATIONS)


def test_every_query_key_sent_was_declared_by_its_operation(
    exercised_operations: set[str], undeclared_query_keys: list[tuple[str, str]]
) -> None:
    assert exercised_operations, "no operation was exercised"
    assert undeclared_query_keys == []
