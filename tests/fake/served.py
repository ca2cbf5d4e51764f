"""`python -m gigstack_async.testing` in a child process on a free loopback port."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

STARTUP_SECONDS = 30


@contextmanager
def serving(*arguments: str) -> Iterator[str]:
    """Serve the fake with the command-line `arguments`; yields its base URL (`.../v2`)."""
    command = [sys.executable, "-m", "gigstack_async.testing", "--host", "127.0.0.1"]
    command += ["--port", "0", *arguments]
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
