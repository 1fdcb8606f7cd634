"""The web tests' personas and clients, for the pages that read the roll-ups."""

from tests.web.conftest import people, signed_in  # noqa: F401
