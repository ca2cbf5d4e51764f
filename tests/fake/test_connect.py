"""gigstack Connect: one key acting for the teams of its billing account, each team isolated."""

from __future__ import annotations

import pytest

from gigstack_async import Gigstack, NotFoundError, PermissionDeniedError
from gigstack_async.testing import FakeGigstack

from . import bodies


@pytest.mark.asyncio
async def test_each_team_sees_only_its_own_data(gs: Gigstack) -> None:
    branch = await gs.teams.create({"brand": {"alias": "Sucursal"}})
    acme = gs.for_team(branch.id)
    mine = await gs.clients.create(bodies.client())
    theirs = await acme.clients.create(bodies.client(legal_name="Cliente de la sucursal"))

    assert [c.id for c in (await gs.clients.list()).data] == [mine.id]
    assert [c.id for c in (await acme.clients.list()).data] == [theirs.id]
    with pytest.raises(NotFoundError):
        await acme.clients.get(mine.id)
    with pytest.raises(NotFoundError):
        await gs.clients.get(theirs.id)
    # `team=` on one call is the same as a for_team copy.
    assert (await gs.clients.get(theirs.id, team=branch.id)).id == theirs.id

    invoice = await acme.invoices.income.create(bodies.invoice(theirs.id))
    with pytest.raises(NotFoundError):
        await gs.invoices.files(invoice.uuid)
    assert (await gs.invoices.income.list()).total_results == 0
    # A team's invoice cannot be billed to another team's client.
    with pytest.raises(NotFoundError):
        await gs.invoices.income.create(bodies.invoice(theirs.id))


@pytest.mark.asyncio
async def test_series_and_folios_are_per_team(gs: Gigstack) -> None:
    branch = await gs.teams.create({"brand": {"alias": "Sucursal"}})
    acme = gs.for_team(branch.id)
    own = await gs.clients.create(bodies.client())
    other = await acme.clients.create(bodies.client())
    await gs.invoices.income.create(bodies.invoice(own.id))
    await gs.invoices.income.create(bodies.invoice(own.id))
    first_of_branch = await acme.invoices.income.create(bodies.invoice(other.id))
    assert first_of_branch.folio_number == 1


@pytest.mark.asyncio
async def test_a_team_outside_the_account_is_forbidden() -> None:
    fake = FakeGigstack(teams=["team_norte"])
    fake.add_account("sk_test_other", "team_other")
    async with fake.client() as gs, fake.client(api_key="sk_test_other") as other:
        assert (await gs.clients.list(team="team_norte")).total_results == 0
        for team in ("team_other", "team_does_not_exist"):
            with pytest.raises(PermissionDeniedError) as denied:
                await gs.clients.list(team=team)
            assert denied.value.code == "forbidden"
        with pytest.raises(PermissionDeniedError):
            await other.clients.list(team="team_norte")
        assert {t.id for t in (await gs.teams.list()).data} == {"team_default", "team_norte"}
        assert [t.id for t in (await other.teams.list()).data] == ["team_other"]
        with pytest.raises(NotFoundError):
            await other.teams.get("team_norte")


@pytest.mark.asyncio
async def test_users_are_visible_to_their_team_and_its_members(fake: FakeGigstack) -> None:
    fake.add_team("team_norte")
    async with fake.client() as gs:
        norte = gs.for_team("team_norte")
        user = await norte.users.create(bodies.user())
        with pytest.raises(NotFoundError):
            await gs.users.get(user.id)
        await gs.teams.members.add("team_default", {"id": user.id})
        assert (await gs.users.get(user.id)).teams[0].role == "viewer"
        assert [u.id for u in (await gs.users.list()).data] == [user.id]


@pytest.mark.asyncio
async def test_idempotency_keys_are_scoped_per_team(gs: Gigstack) -> None:
    branch = await gs.teams.create({"brand": {"alias": "Sucursal"}})
    acme = gs.for_team(branch.id)
    body = {
        "client": bodies.client(),
        "items": [bodies.item()],
        "payment_form": "03",
        "idempotency_key": "order-1",
    }
    here = await gs.payments.register(body)
    there = await acme.payments.register(body)
    assert here.id != there.id
    assert (await gs.payments.register(body)).id == here.id
