"""Teams operations (teams, series, settings, members) through the public API against Prism."""

from __future__ import annotations

import pytest

from gigstack_async import Gigstack, Page, capture_response
from gigstack_async.models import (
    RemoveTeamMemberInput,
    SeriesUpdateInput,
    Team,
    TeamIntegrations,
    TeamSeries,
    TeamUpdateInput,
)

from .recording import assert_lossless, wire_data
from .spec_examples import request_example

pytestmark = [pytest.mark.contract, pytest.mark.asyncio]

TEAM = "team_1234567890"


async def test_teams_list(gs: Gigstack) -> None:
    with capture_response() as raw:
        page = await gs.teams.list(limit=10, order_by="name", sort="asc")
    assert isinstance(page, Page)
    (team,) = page.data
    assert isinstance(team, Team) and team.id == TEAM and team.name == "My Company"
    assert_lossless(page, raw)


@pytest.mark.parametrize("example", ["teams_guide", "create_team_page"])
async def test_teams_create(spec, gs: Gigstack, example: str) -> None:
    with capture_response() as raw:
        team = await gs.teams.create(request_example(spec, "teams_create", example))
    assert isinstance(team, Team) and isinstance(team.id, str)
    assert_lossless(team, raw)


async def test_teams_get_update_integrations(gs: Gigstack) -> None:
    with capture_response() as raw:
        team = await gs.teams.get(TEAM)
    assert isinstance(team, Team)
    assert_lossless(team, raw)
    with capture_response() as raw:
        updated = await gs.teams.update(TEAM, TeamUpdateInput(support_email="soporte@empresa.mx"))
    assert isinstance(updated, Team)
    assert_lossless(updated, raw)
    with capture_response() as raw:
        integrations = await gs.teams.integrations()
    assert isinstance(integrations, TeamIntegrations)
    assert integrations.sat is not None and isinstance(integrations.sat.has_keys, bool)
    assert_lossless(integrations, raw)


async def test_teams_onboarding_url(gs: Gigstack) -> None:
    with capture_response() as raw:
        url = await gs.teams.onboarding_url(TEAM)
    assert isinstance(url, str) and url.startswith("https://")
    assert url == wire_data(raw)


async def test_teams_series(spec, gs: Gigstack) -> None:
    with capture_response() as raw:
        series = await gs.teams.series.list(TEAM)
    assert isinstance(series, list) and all(isinstance(s, TeamSeries) for s in series)
    assert_lossless(series, raw)
    with capture_response() as raw:
        created = await gs.teams.series.create(TEAM, request_example(spec, "teams_series_create"))
    assert isinstance(created, TeamSeries)
    assert_lossless(created, raw)
    with capture_response() as raw:
        updated = await gs.teams.series.update(TEAM, "series_A", SeriesUpdateInput(live=5))
    assert isinstance(updated, TeamSeries) and isinstance(updated.live, int)
    assert_lossless(updated, raw)


async def test_teams_settings_and_members(spec, gs: Gigstack) -> None:
    with capture_response() as raw:
        settings = await gs.teams.settings.update(
            TEAM, request_example(spec, "teams_settings_update")
        )
    assert settings == wire_data(raw)
    with capture_response() as raw:
        added = await gs.teams.members.add(TEAM, {"id": "user_1234567890", "role": "editor"})
    assert added == wire_data(raw)
    with capture_response() as raw:
        removed = await gs.teams.members.remove(TEAM, RemoveTeamMemberInput(id="user_1234567890"))
    assert removed == wire_data(raw)
