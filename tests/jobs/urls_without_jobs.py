"""A URLconf that does not mount the jobs app (for the deploy check test)."""

urlpatterns: list = []
