"""The web fixtures (personas in Chachoengsao, signed-in clients) for the auditor's screen."""

from tests.web.conftest import _fresh_cache, people, signed_in  # noqa: F401
