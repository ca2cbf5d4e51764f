"""Teams against Prism: what goes beyond the round trip of every operation
(test_every_operation.py): the documented page and the camel-case integration fields."""

from __future__ import annotations

import pytest

from gigstack_async import Gigstack, Page, capture_response
from gigstack_async.models import Team, TeamIntegrations

from .recording import assert_lossless

pytestmark = [pytest.mark.contract, pytest.mark.asyncio]

TEAM = "team_1234567890"


async def test_teams_list(gs: Gigstack) -> None:
    with capture_response() as raw:
        page = await gs.teams.list(limit=10, order_by="name", sort="asc")
    assert isinstance(page, Page)
    (team,) = page.data
    assert isinstance(team, Team) and team.id == TEAM and team.name == "My Company"
    assert_lossless(page, raw)


async def test_teams_integrations_read_the_camel_case_fields(gs: Gigstack) -> None:
    with capture_response() as raw:
        integrations = await gs.teams.integrations()
    assert isinstance(integrations, TeamIntegrations)
    assert integrations.sat is not None and isinstance(integrations.sat.has_keys, bool)
    assert_lossless(integrations, raw)
