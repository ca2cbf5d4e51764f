"""The call deadline's scope: the deadlines of one event loop share one timer."""

from __future__ import annotations

import asyncio
import sys

import pytest

from gigstack_async._deadline import Deadline, _watcher


class Expired(Exception):
    pass


async def _hold(seconds: float | None, wait: float) -> str:
    with Deadline(seconds, Expired):
        await asyncio.sleep(wait)
    return "finished"


@pytest.mark.asyncio
async def test_a_shorter_deadline_entered_later_expires_first() -> None:
    long = asyncio.create_task(_hold(30, 0.6))
    await asyncio.sleep(0)  # the long deadline arms the loop's timer first
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(Expired):
        await _hold(0.05, 5)
    assert loop.time() - started < 0.5
    assert not long.done()
    assert await long == "finished"


@pytest.mark.asyncio
async def test_a_block_that_ended_is_never_cancelled_afterwards() -> None:
    assert await _hold(0.05, 0) == "finished"
    await asyncio.sleep(0.15)  # past the deadline it no longer has: no cancellation lands here


@pytest.mark.asyncio
async def test_deadlines_with_the_same_time_all_expire() -> None:
    results = await asyncio.gather(*(_hold(0.05, 5) for _ in range(20)), return_exceptions=True)
    assert [type(result) for result in results] == [Expired] * 20


@pytest.mark.asyncio
async def test_no_deadline_never_expires() -> None:
    assert await _hold(None, 0.05) == "finished"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="Python 3.10 cannot count cancellations")
@pytest.mark.asyncio
async def test_an_outer_cancellation_at_the_same_moment_is_not_swallowed() -> None:
    loop = asyncio.get_running_loop()

    async def held() -> None:
        deadline = Deadline(0.05, Expired)
        task = asyncio.current_task()
        assert task is not None and deadline.at is not None
        loop.call_at(deadline.at, task.cancel)  # someone else cancels the task at that moment
        with deadline:
            await asyncio.sleep(5)

    with pytest.raises(asyncio.CancelledError):
        await asyncio.create_task(held())


@pytest.mark.asyncio
async def test_an_enclosing_timeout_that_is_shorter_wins() -> None:
    if sys.version_info < (3, 11):
        pytest.skip("asyncio.timeout is new in Python 3.11")
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.05):
            await _hold(30, 5)


@pytest.mark.asyncio
async def test_ended_deadlines_do_not_pile_up_behind_an_earlier_one() -> None:
    long = asyncio.create_task(_hold(10, 1))
    await asyncio.sleep(0)
    for _ in range(5_000):
        await _hold(30, 0)  # due after the running one: its heap entry sits behind it
    heap = _watcher(asyncio.get_running_loop())._heap
    assert len(heap) < 200, len(heap)
    long.cancel()
    with pytest.raises(asyncio.CancelledError):
        await long


def test_each_event_loop_keeps_its_own_deadlines() -> None:
    for _ in range(3):  # a new loop each time, the old one closed
        with pytest.raises(Expired):
            asyncio.run(_hold(0.02, 5))


@pytest.mark.asyncio
async def test_cancelled_and_expired_calls_leave_nothing_waiting() -> None:
    loop = asyncio.get_running_loop()
    tasks = [
        asyncio.create_task(_hold(0.01, 1) if n % 3 == 0 else _hold(30, 0.001 * (n % 7)))
        for n in range(300)
    ]
    await asyncio.sleep(0.002)
    for task in tasks[1::2]:
        task.cancel()  # some while running, some before they started
    results = await asyncio.gather(*tasks, return_exceptions=True)
    kinds = {type(result).__name__ for result in results}
    assert kinds == {"str", "Expired", "CancelledError"}
    watcher = _watcher(loop)
    assert watcher._waiting == 0
    assert all(entry[2]._task is None for entry in watcher._heap)  # no task is kept alive
