"""Serve the fake over HTTP: `python -m gigstack_async.testing --port 8080`.

Only loopback addresses are accepted: the fake has a well-known key and no protection. With
`--port 0` a free port is chosen; the first line printed carries the base URL either way.
`--help` lists the control endpoints (`/_fake/reset`, `/_fake/fail_next`, `/_fake/requests`).
`--webhook URL` registers a webhook of the key's team that receives every event.
"""

from __future__ import annotations

import argparse
import socket
import sys

import uvicorn

from ._delivery import is_loopback
from ._fake import FakeGigstack

CONTROL_HELP = """\
control endpoints (loopback clients only, no API key), beside the API's /v2:
  POST   /_fake/reset      back to an empty world: the key and teams it started with stay;
                           records, pending failures and recorded requests go
  POST   /_fake/fail_next  the next API requests fail unprocessed; JSON body with the
                           arguments of FakeGigstack.fail_next, all optional:
                           {"status": 503, "times": 1, "retry_after": 0, "code": null}
  GET    /_fake/requests   the requests answered so far, oldest first: {"data": [{"method",
                           "path", "operation_id", "team", "status", "idempotency_key",
                           "injected"}, ...]}
  DELETE /_fake/requests   forget the recorded requests

example:
  curl -X POST http://127.0.0.1:8080/_fake/fail_next -d '{"status": 503, "times": 2}'
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m gigstack_async.testing",
        description="Serve the in-memory gigstack API v2 fake on a loopback address.",
        epilog=CONTROL_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="loopback address (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port, 0 for any free one")
    parser.add_argument("--api-key", default="sk_test_fake", help="the key it accepts")
    parser.add_argument("--team", default="team_default", help="the key's own team")
    parser.add_argument(
        "--connect-team",
        action="append",
        default=[],
        metavar="TEAM",
        help="another team of the key's account (repeatable)",
    )
    parser.add_argument(
        "--webhook",
        action="append",
        default=[],
        metavar="URL",
        help="a webhook of the key's team receiving every event; called when on loopback",
    )
    args = parser.parse_args(argv)
    if not is_loopback(args.host):
        parser.error(f"--host must be a loopback address, not {args.host!r}")
    fake = FakeGigstack(args.api_key, args.team, teams=args.connect_team)
    try:
        webhooks = [(fake.add_webhook(url), url) for url in args.webhook]
    except ValueError as exc:
        parser.error(f"--webhook: {exc}")
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on sockets that say so, and without it
    # every response waits ~40 ms for a delayed ACK between its header and body writes.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    # Listening before the address is printed: a client that reads it and connects at once must
    # not be refused while the server is still starting.
    sock.listen(128)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    print(f"gigstack fake serving http://{shown}:{port}/v2 (team {args.team})", flush=True)
    for webhook_id, url in webhooks:
        print(f"webhook {webhook_id} -> {url}", flush=True)
    config = uvicorn.Config(fake.app, log_level="warning", lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main(sys.argv[1:])
