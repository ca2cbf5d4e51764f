"""An in-memory gigstack API v2 to test your backend against, without network or API key.

    from gigstack_async.testing import FakeGigstack

    fake = FakeGigstack()
    async with fake.client() as gs:
        client = await gs.clients.create({"legal_name": "Empresa SA de CV"})

Needs the `testing` extra: `pip install "gigstack-async[testing]"`. `python -m
gigstack_async.testing` serves it over HTTP on loopback for tools in other languages.
"""

from importlib.util import find_spec

if any(find_spec(name) is None for name in ("jsonschema", "starlette")):
    raise ImportError(
        'gigstack_async.testing needs the testing extra: pip install "gigstack-async[testing]"'
    )

from ._delivery import WebhookDelivery
from ._errors import FakeSpecViolation
from ._fake import FakeGigstack
from ._journal import RecordedRequest

__all__ = ["FakeGigstack", "FakeSpecViolation", "RecordedRequest", "WebhookDelivery"]
