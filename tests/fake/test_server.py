"""`python -m gigstack_async.testing`: serving the fake over HTTP, on loopback only."""

from __future__ import annotations

import httpx
import pytest

from gigstack_async.testing.__main__ import main


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com"])
def test_it_refuses_to_listen_beyond_loopback(
    host: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--host", host, "--port", "0"])
    assert exited.value.code == 2
    assert "loopback" in capsys.readouterr().err


def test_it_serves_the_api_and_its_connect_teams(served_fake: str) -> None:
    headers = {"Authorization": "Bearer sk_test_fake"}
    with httpx.Client(base_url=served_fake, headers=headers, timeout=10) as http:
        # The server is shared with other tests: look the teams up rather than count them.
        for team in ("team_default", "team_norte"):
            assert http.get(f"/teams/{team}").json()["data"]["id"] == team
        assert http.get("/clients", params={"team": "team_norte"}).status_code == 200
        assert http.get("/clients", headers={"Authorization": "Bearer nope"}).status_code == 401
