"""A changed spec must carry a new revision (`info.version`), named in the CHANGELOG."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import generate
from tests.conftest import ROOT

LOCKED = {"spec_sha256": "a" * 64, "spec_version": "2026-01-01"}


def test_a_changed_spec_under_the_same_version_is_refused() -> None:
    problem = generate.unbumped_revision(LOCKED, "b" * 64, "2026-01-01")
    assert problem is not None
    assert "info.version" in problem and "CHANGELOG.md" in problem and "2026-01-01" in problem


@pytest.mark.parametrize(
    ("digest", "version"),
    [("a" * 64, "2026-01-01"), ("b" * 64, "2026-02-01")],
    ids=["unchanged spec", "changed spec with a new version"],
)
def test_an_unchanged_or_bumped_spec_passes(digest: str, version: str) -> None:
    assert generate.unbumped_revision(LOCKED, digest, version) is None


def test_check_generated_stops_on_an_unbumped_spec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec_version = generate.prepare.load_spec(generate.SPEC)["info"]["version"]
    lock = tmp_path / "generator.lock.json"
    lock.write_text(json.dumps({"spec_sha256": "0" * 64, "spec_version": spec_version}))
    monkeypatch.setattr(generate, "LOCK", lock)
    monkeypatch.setattr(generate, "generate", _must_not_regenerate)
    assert generate.check() == 1
    err = capsys.readouterr().err
    assert f"info.version is still {spec_version!r}" in err and "CHANGELOG.md" in err


def _must_not_regenerate(out: Path, lock: Path) -> None:
    raise AssertionError("the revision check comes before regeneration")


def test_the_changelog_names_the_current_spec_revision(spec: dict[str, object]) -> None:
    info = spec["info"]
    assert isinstance(info, dict)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"`{info['version']}`" in changelog
