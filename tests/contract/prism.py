"""Runs the pinned Prism mock server on loopback for the contract suite.

Prism serves `openapi/gigstack-v2.yaml` with `--errors`, so a request the spec forbids is answered
with a 4xx and its violations in the `sl-violations` header, and static mode (no `--dynamic`) so
responses are the spec's examples.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx

from tests.conftest import ROOT, SPEC_PATH

PRISM_BIN = ROOT / "node_modules" / ".bin" / "prism"
STARTUP_TIMEOUT = 90.0  # Prism compiles the whole spec before it listens; slow on 2 cores
STOP_TIMEOUT = 10.0
START_ATTEMPTS = 3  # a free port can be taken between probing it and Prism binding it


class PrismUnavailable(RuntimeError):
    """Node or Prism is missing, or Prism did not come up: the contract suite cannot run."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def check_tools() -> None:
    if shutil.which("node") is None:
        raise PrismUnavailable(
            "node is not on PATH: the contract suite needs Node.js to run Prism (`make setup`)."
        )
    if not PRISM_BIN.exists():
        raise PrismUnavailable(
            f"{PRISM_BIN.relative_to(ROOT)} is missing: run `make setup` (it runs `npm ci`)."
        )


class PrismServer:
    """One Prism process in its own process group, so stopping it leaves no child behind."""

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self.url = ""
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        check_tools()
        for _ in range(START_ATTEMPTS):
            port = free_port()
            self._spawn(port)
            if self._wait_until_ready(f"http://127.0.0.1:{port}"):
                self.url = f"http://127.0.0.1:{port}"
                return self.url
            self.stop()
        raise PrismUnavailable(f"Prism did not start; its log ends with:\n{self.log_tail()}")

    def _spawn(self, port: int) -> None:
        command = [
            str(PRISM_BIN),
            "mock",
            str(SPEC_PATH),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--errors",
            "--verboseLevel",
            "warn",
        ]
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command,
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killpg reaches node's children
            )

    def _wait_until_ready(self, url: str) -> bool:
        assert self._process is not None
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                return False  # exited: the port was taken, or the spec did not load
            try:
                # Prism answers a request without a token with a 401 and its violations header;
                # anything else on that port is another server.
                response = httpx.get(f"{url}/clients", timeout=2.0, trust_env=False)
                return "sl-violations" in response.headers and self._process.poll() is None
            except httpx.TransportError:
                time.sleep(0.2)
        return False

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=STOP_TIMEOUT)
        # Whatever node left behind in the group goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
