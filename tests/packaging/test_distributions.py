"""The wheel and sdist a user installs: built from the checkout, installed into a fresh venv with
the `testing` extra from requirements/demo.lock, then used from outside the checkout."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

import httpx
import pytest
import yaml

from tests.conftest import ROOT, SPEC_PATH

PACKAGE_DATA = ("gigstack_async/py.typed", "gigstack_async/_generated/openapi.json")
SERVING = re.compile(r"gigstack fake serving (http://\S+/v2)")


@dataclass(frozen=True)
class Built:
    wheel: Path
    sdist: Path


@dataclass(frozen=True)
class Installed:
    python: Path
    outside: Path  # a directory with nothing of the checkout in it


def _run(*cmd: str | Path, cwd: Path = ROOT) -> str:
    done = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{cmd}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    dist = tmp_path_factory.mktemp("dist")
    # sdist first, then the wheel built from the unpacked sdist: the sdist must be complete.
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, ROOT)
    (wheel,) = dist.glob("gigstack_async-*.whl")
    (sdist,) = dist.glob("gigstack_async-*.tar.gz")
    return Built(wheel, sdist)


@pytest.fixture(scope="module")
def installed(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    venv = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "--quiet"]
    _run(*pip, "--require-hashes", "-r", ROOT / "requirements" / "demo.lock")
    # No index: the wheel's own requirements, extra included, must all be met by the lock.
    _run(*pip, "--no-index", f"{built.wheel}[testing]")
    return Installed(python, tmp_path_factory.mktemp("elsewhere"))


def test_the_wheel_ships_the_typing_marker_the_spec_and_the_license(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as wheel:
        names = set(wheel.namelist())
        (metadata_name,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(wheel.read(metadata_name).decode())
        bundled = json.loads(wheel.read("gigstack_async/_generated/openapi.json"))
    assert set(PACKAGE_DATA) <= names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any(n.startswith(("tests/", "generator/", "openapi/")) for n in names)
    assert metadata["License-Expression"] == "MIT"
    classifiers = metadata.get_all("Classifier") or []
    for minor in (10, 11, 12, 13):
        assert f"Programming Language :: Python :: 3.{minor}" in classifiers
    assert "Typing :: Typed" in classifiers
    assert "API reference, https://docs.gigstack.io" in (metadata.get_all("Project-URL") or [])
    assert set(metadata.get_all("Provides-Extra") or []) == {"testing", "speedups"}
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert bundled["info"]["version"] == spec["info"]["version"]


def test_the_sdist_holds_what_a_rebuild_needs(built: Built) -> None:
    with tarfile.open(built.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "pyproject.toml", *PACKAGE_DATA} <= names
    assert not any(name.startswith(("node_modules/", ".venv")) for name in names)


def test_the_installed_wheel_imports_without_the_checkout(installed: Installed) -> None:
    probe = (
        "import json, gigstack_async\n"
        "from importlib import resources\n"
        "pkg = resources.files('gigstack_async')\n"
        "spec = json.loads(pkg.joinpath('_generated/openapi.json').read_text('utf-8'))\n"
        "print(json.dumps({'file': gigstack_async.__file__,\n"
        "                  'typed': pkg.joinpath('py.typed').is_file(),\n"
        "                  'spec_version': spec['info']['version'],\n"
        "                  'runtime_version': gigstack_async.SPEC_VERSION}))\n"
    )
    # -I: no PYTHONPATH, no user site, not even the current directory on sys.path.
    found = json.loads(_run(installed.python, "-I", "-c", probe, cwd=installed.outside))
    assert Path(found["file"]).is_relative_to(installed.python.parent.parent)
    assert not Path(found["file"]).is_relative_to(ROOT)
    assert found["typed"] is True
    assert found["spec_version"] == found["runtime_version"]


@pytest.fixture
def served_from_wheel(installed: Installed) -> Iterator[str]:
    server = subprocess.Popen(
        [installed.python, "-I", "-m", "gigstack_async.testing", "--port", "0"],
        cwd=installed.outside,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        first_line = server.stdout.readline()  # printed once the port is bound
        match = SERVING.search(first_line)
        assert match, f"unexpected first line: {first_line!r}"
        yield match.group(1)
    finally:
        server.terminate()
        server.wait()


def test_the_installed_fake_serves_on_a_free_port(served_from_wheel: str) -> None:
    assert not served_from_wheel.endswith(":0/v2")
    headers = {"Authorization": "Bearer sk_test_fake"}
    response = httpx.get(f"{served_from_wheel}/teams/team_default", headers=headers, timeout=30)
    assert response.status_code == 200
    assert response.json()["data"]["id"] == "team_default"
