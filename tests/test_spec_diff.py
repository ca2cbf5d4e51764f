"""`make spec-diff REV=...`: the spec's changes since a git revision, breaking changes first."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

SPEC_DIFF = ROOT / "tools" / "spec-diff.mjs"


def _spec(version: str, operations: dict[str, object]) -> str:
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "tiny", "version": version},
        "paths": {"/things": operations},
    }
    return yaml.safe_dump(spec, sort_keys=False)


def _ok(description: str) -> dict[str, object]:
    return {"responses": {"200": {"description": description}}}


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=spec", "-c", "user.email=spec@example.invalid"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo_with_two_revisions(tmp_path: Path) -> Path:
    spec = tmp_path / "openapi" / "gigstack-v2.yaml"
    spec.parent.mkdir()
    _git(tmp_path, "init", "-q")
    spec.write_text(_spec("2026-01-01", {"get": _ok("The things."), "post": _ok("Created.")}))
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    spec.write_text(_spec("2026-02-01", {"get": _ok("Every thing.")}))
    _git(tmp_path, "commit", "-q", "-am", "second")
    return tmp_path


def _spec_diff(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if not (ROOT / "node_modules" / "api-smart-diff").is_dir():
        pytest.fail("node_modules lacks api-smart-diff: run `make setup`")
    return subprocess.run(
        ["node", str(SPEC_DIFF), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_it_lists_breaking_changes_before_the_rest(repo_with_two_revisions: Path) -> None:
    done = _spec_diff(repo_with_two_revisions, "HEAD~1")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.splitlines()[0].endswith(
        "HEAD~1 (2026-01-01) -> working tree (2026-02-01): "
        "1 breaking, 0 deprecated, 0 unclassified, 0 non-breaking, 2 annotation"
    )
    assert "[Removed] operation POST /things" in out
    assert out.index("Breaking") < out.index("[Removed] operation POST") < out.index("Annotations")


def test_an_unchanged_spec_says_so(repo_with_two_revisions: Path) -> None:
    done = _spec_diff(repo_with_two_revisions, "HEAD")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("no changes")


def test_an_unknown_revision_is_an_error(repo_with_two_revisions: Path) -> None:
    done = _spec_diff(repo_with_two_revisions, "no-such-revision")
    assert done.returncode == 2
    assert "no-such-revision" in done.stderr and done.stdout == ""
