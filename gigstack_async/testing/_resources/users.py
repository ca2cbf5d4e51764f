"""Users of the billing account: dashboard logins, members of teams with a role.

A team sees the users it created and its members; `teams` on a user lists its memberships."""

from __future__ import annotations

import copy
import secrets

from .._calls import Call, Handler, Reply
from .._errors import FakeAPIError, not_found
from .._store import PageReply, Record, new_id, now, now_ms


def _visible(call: Call, user: Record) -> bool:
    creator = call.account.user_creator.get(user["id"])
    return creator == call.team.id or user["id"] in call.team.members


def render_user(call: Call, user: Record) -> Record:
    memberships = []
    for team_record in call.account.teams.values():
        team = call.world.teams[team_record["id"]]
        if user["id"] in team.members:
            memberships.append(
                {
                    "team_id": team.id,
                    "team_name": team_record.get("name"),
                    "role": team.members[user["id"]],
                }
            )
    return {**copy.deepcopy(user), "teams": memberships}


def _user(call: Call) -> Record:
    user = call.account.users.find(call.path["id"])
    if user is None or not _visible(call, user):
        raise not_found("User", call.path["id"])
    return user


def list_(call: Call) -> PageReply:
    page = call.account.users.page(call.query, lambda user: _visible(call, user))
    page.items = [render_user(call, user) for user in page.items]
    return page


def get(call: Call) -> Reply:
    return Reply(render_user(call, _user(call)), "User retrieved successfully")


def create(call: Call) -> Reply:
    body = call.fields
    email = body.get("email")
    if email and any(user.get("email") == email for user in call.account.users.values()):
        raise FakeAPIError(409, "resource_already_exists", f"A user with e-mail {email} exists")
    user: Record = {
        **call.pick(body, "UserInput", "User"),
        "id": new_id("user"),
        "invitation_sent": bool(email),
        "created_at": now(),
    }
    call.account.users.add(user)
    call.account.user_creator[user["id"]] = call.team.id
    if body.get("auto_join"):
        call.team.members[user["id"]] = body.get("role") or "viewer"
    return Reply(render_user(call, user), "User created successfully", 201)


def update(call: Call) -> Reply:
    user = _user(call)
    user.update(call.pick(call.fields, "UserUpdateInput", "User"))
    return Reply(render_user(call, user), "User updated successfully")


def reset_password(call: Call) -> Reply:
    email = call.fields["email"]
    if not any(u.get("email") == email and _visible(call, u) for u in call.account.users.values()):
        raise not_found("User", email)
    return Reply({"email": email, "sent": True}, "Password reset e-mail sent")


LOGIN_LINK_TTL_MS = 60 * 60 * 1000


def login_link(call: Call) -> Reply:
    user_id = call.fields["user_id"]
    user = call.account.users.find(user_id)
    if user is None or not _visible(call, user):
        raise not_found("User", user_id)
    token = secrets.token_urlsafe(24)
    data = {
        "url": f"{call.base_url}/login?token={token}",
        "user_id": user_id,
        "expires_at": now_ms() + LOGIN_LINK_TTL_MS,
    }
    return Reply(data, "Login link generated successfully")


HANDLERS: dict[str, Handler] = {
    "users_login_link": login_link,
    "users_list": list_,
    "users_get": get,
    "users_create": create,
    "users_update": update,
    "users_reset_password": reset_password,
}
