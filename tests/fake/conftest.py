from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio

from gigstack_async import Gigstack
from gigstack_async.testing import FakeGigstack


@pytest.fixture
def fake() -> FakeGigstack:
    return FakeGigstack()


@pytest_asyncio.fixture
async def gs(fake: FakeGigstack) -> AsyncIterator[Gigstack]:
    async with fake.client() as client:
        yield client


STARTUP_SECONDS = 30


@pytest.fixture(scope="session")
def served_fake() -> Iterator[str]:
    """`python -m gigstack_async.testing` on a free loopback port (with a second team of the
    key's account, `team_norte`); yields its base URL."""
    command = [sys.executable, "-m", "gigstack_async.testing", "--host", "127.0.0.1"]
    command += ["--port", "0", "--connect-team", "team_norte"]
    with tempfile.TemporaryFile() as errors:
        # stderr to a file: a pipe nobody reads would block the server once full.
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
        watchdog = threading.Timer(STARTUP_SECONDS, process.kill)  # never wait forever
        watchdog.start()
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            watchdog.cancel()
            found = re.search(r"(http://127\.0\.0\.1:\d+/v2)", line)
            if not found:
                errors.seek(0)
                pytest.fail(f"the fake did not start: {line!r} {errors.read().decode()[-2000:]}")
            yield found.group(1)
        finally:
            watchdog.cancel()
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
