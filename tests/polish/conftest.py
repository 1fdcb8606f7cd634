"""The polish tests (issue 15 item 6) share the web tests' personas and clients."""

from tests.web.conftest import _fresh_cache, inline_jobs, people, signed_in  # noqa: F401
