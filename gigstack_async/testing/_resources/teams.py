"""Teams (issuers) of the key's billing account: the gigstack Connect teams, their members,
folio series, settings, integrations, onboarding links, SAT certificates (CSD), the signed
manifest, and deletion."""

from __future__ import annotations

import copy
import secrets
from typing import Any

from .._calls import Call, Handler, Reply
from .._errors import FakeAPIError, bad_request, not_allowed, not_found
from .._store import PageReply, Record, TeamState, new_id, now_ms

DEFAULT_ROLE = "viewer"


def _team(call: Call) -> TeamState:
    """The team of the path: any team of the key's billing account."""
    team = call.world.team_of(call.account, call.path["id"])
    if team is None:
        raise not_found("Team", call.path["id"])
    return team


def _onboarding_url(call: Call, team: TeamState) -> str:
    # A new link each time: like the API, asking again invalidates the previous one.
    team.onboarding_token = secrets.token_urlsafe(16)
    return f"{call.base_url}/onboarding/{team.id}/{team.onboarding_token}"


def _user_id(call: Call, value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise bad_request("missing_required_field", "The user's id is required", [where])
    call.account.users.get(value)  # 404 when the account has no such user
    return value


def list_(call: Call) -> PageReply:
    return call.account.teams.page(call.query)


def get(call: Call) -> Reply:
    return Reply(_team(call).record, "Team retrieved successfully")


def create(call: Call) -> Reply:
    body = call.fields
    members = {
        _user_id(call, member.get("id"), f"body/add_members/{index}/id"): member.get("role")
        or DEFAULT_ROLE
        for index, member in enumerate(body.get("add_members") or [])
    }
    fields = call.pick(body, "TeamInput", "Team")
    alias = (fields.get("brand") or {}).get("alias")
    team = call.world.add_team(
        call.account, new_id("team"), {**fields, "name": alias, "legal_name": None}
    )
    if body.get("add_master_team_members"):
        team.members.update(call.team.members)
    team.members.update(members)
    if body.get("generate_onboarding_url"):
        team.record["onboarding_url"] = _onboarding_url(call, team)
    return Reply(team.record, "Team created successfully", 201)


def update(call: Call) -> Reply:
    record = _team(call).record
    fields = call.pick(call.fields, "TeamUpdateInput", "Team")
    if isinstance(fields.get("brand"), dict):
        fields["brand"] = {**(record.get("brand") or {}), **fields["brand"]}
    record.update(fields)
    if fields.get("brand", {}).get("alias"):
        record["name"] = fields["brand"]["alias"]
    return Reply(record, "Team updated successfully")


def integrations(call: Call) -> Reply:
    has_tax_data = bool(call.team.record.get("tax_id"))
    has_csd = call.team.sat_connection is not None
    data = {
        "sat": {
            "provider": "sat",
            "completed": has_tax_data or has_csd,
            "hasCertificate": has_tax_data or has_csd,
            "hasKeys": has_tax_data or has_csd,
        },
        "stripe": {"provider": "stripe", "completed": False},
        "facturapi": {"provider": "facturapi", "completed": has_tax_data},
    }
    return Reply(data, "Integrations retrieved successfully")


def onboarding_url(call: Call) -> Reply:
    return Reply(_onboarding_url(call, _team(call)), "Onboarding URL generated successfully")


def add_member(call: Call) -> Reply:
    team = _team(call)
    user_id = _user_id(call, call.fields.get("id"), "body/id")
    team.members[user_id] = call.fields.get("role") or DEFAULT_ROLE
    return Reply({}, "Operation completed successfully")


def remove_member(call: Call) -> Reply:
    team = _team(call)
    user_id = call.fields["id"]
    if team.members.pop(user_id, None) is None:
        raise not_found("Team member", user_id)
    return Reply({}, "Operation completed successfully")


def series_list(call: Call) -> Reply:
    return Reply(list(_team(call).series.values()), "Series retrieved successfully")


def series_create(call: Call) -> Reply:
    team = _team(call)
    name = call.fields["series"]
    if name in team.series:
        raise FakeAPIError(409, "resource_already_exists", f"Series {name!r} already exists")
    record: Record = {
        "id": name,
        "series": name,
        "live": call.fields.get("live", 1),
        "test": call.fields.get("test", 1),
    }
    team.series[name] = record
    return Reply(record, "Series created successfully", 201)


def series_update(call: Call) -> Reply:
    team = _team(call)
    record = team.series.get(call.path["series_id"])
    if record is None:
        raise not_found("Series", call.path["series_id"])
    record.update({key: call.fields[key] for key in ("live", "test") if key in call.fields})
    return Reply(record, "Series updated successfully")


def _merge(stored: Record, patch: Record) -> None:
    """The settings patch rules: `null` clears, objects merge (an empty one changes nothing),
    anything else (arrays included) replaces."""
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(stored.get(key), dict):
            _merge(stored[key], value)
        else:
            stored[key] = copy.deepcopy(value)


def settings_update(call: Call) -> Reply:
    record = _team(call).record
    settings = record.setdefault("settings", {})
    _merge(settings, call.pick(call.fields, "TeamSettingsInput", "TeamSettings"))
    return Reply(settings, "Team settings updated successfully")


def delete(call: Call) -> Reply:
    """Schedules the team's deletion: from then on it is gone from the account (not listed, not
    reachable with `team=`). The key's own team cannot be deleted."""
    team = _team(call)
    if team.id == call.account.home_team:
        raise not_allowed("The API key's own team cannot be deleted")
    call.account.teams.remove(team.id)
    del call.world.teams[team.id]
    data = {"id": team.id, "scheduled_for_deletion": True}
    return Reply(data, "Team scheduled for deletion")


def sat_connection(call: Call) -> Reply:
    team = _team(call)
    if not call.fields.get("keyPass"):
        raise bad_request(
            "missing_required_field", "The CSD key's password is required", ["body/keyPass"]
        )
    team.sat_connection = {
        "certificate_size": call.files["cert"].size,
        "key_size": call.files["key"].size,
        "connected_at": now_ms(),
    }
    data = {"id": team.id, "sat": {"provider": "sat", "completed": True, "hasCertificate": True}}
    return Reply(data, "SAT certificates uploaded successfully")


def sign_manifest(call: Call) -> Reply:
    team = _team(call)
    team.manifest = {"signed": True, "signed_at": now_ms()}
    return Reply({"id": team.id, **team.manifest}, "Manifest signed successfully")


HANDLERS: dict[str, Handler] = {
    "teams_delete": delete,
    "teams_sat_connection": sat_connection,
    "teams_manifest_sign": sign_manifest,
    "teams_list": list_,
    "teams_get": get,
    "teams_create": create,
    "teams_update": update,
    "teams_integrations": integrations,
    "teams_onboarding_url": onboarding_url,
    "teams_add_member": add_member,
    "teams_remove_member": remove_member,
    "teams_series_list": series_list,
    "teams_series_create": series_create,
    "teams_series_update": series_update,
    "teams_settings_update": settings_update,
}
