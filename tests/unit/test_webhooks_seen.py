"""SeenEvents: answers whether an id was already handled, keeps only the most recent ids, and
gives exactly one "new" answer per id however many tasks or threads ask at once."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from gigstack_async.webhooks import SeenEvents


@pytest.mark.asyncio
async def test_an_id_is_new_once_then_seen() -> None:
    seen = SeenEvents()

    assert await seen.check_and_add("evt_1") is False
    assert await seen.check_and_add("evt_1") is True
    assert await seen.check_and_add("evt_2") is False
    assert len(seen) == 2


@pytest.mark.asyncio
async def test_the_oldest_id_is_forgotten_past_max_size() -> None:
    seen = SeenEvents(max_size=2)
    for event_id in ("a", "b", "c"):
        await seen.check_and_add(event_id)

    assert len(seen) == 2
    assert await seen.check_and_add("c") is True
    assert await seen.check_and_add("a") is False  # forgotten, so new again


@pytest.mark.asyncio
async def test_seeing_an_id_again_makes_it_the_most_recent() -> None:
    seen = SeenEvents(max_size=2)
    await seen.check_and_add("a")
    await seen.check_and_add("b")
    await seen.check_and_add("a")  # refreshes a; b is now the oldest

    await seen.check_and_add("c")

    assert await seen.check_and_add("a") is True
    assert await seen.check_and_add("b") is False


@pytest.mark.asyncio
async def test_a_discarded_id_is_new_again() -> None:
    seen = SeenEvents()
    await seen.check_and_add("evt_1")

    await seen.discard("evt_1")
    await seen.discard("never-added")

    assert await seen.check_and_add("evt_1") is False


@pytest.mark.asyncio
async def test_concurrent_tasks_get_exactly_one_new_answer_per_id() -> None:
    seen = SeenEvents()

    answers = await asyncio.gather(*(seen.check_and_add(f"evt_{i % 5}") for i in range(200)))

    assert answers.count(False) == 5


def test_concurrent_threads_get_exactly_one_new_answer_per_id() -> None:
    seen = SeenEvents(max_size=1000)

    def ask(i: int) -> bool:
        return asyncio.run(seen.check_and_add(f"evt_{i % 7}"))

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(ask, range(400)))

    assert answers.count(False) == 7


def test_max_size_must_be_positive_and_is_shown() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        SeenEvents(max_size=0)
    assert SeenEvents(max_size=3).max_size == 3
    assert repr(SeenEvents(max_size=3)) == "SeenEvents(0 of max_size=3)"
