"""A JSON client for ``/api/v1/committees`` calling as a persona with a bearer token."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from planlink.accounts.tokens import token_create


class CommitteesApi:
    def __init__(self, client: Client, people: dict[str, Any]) -> None:
        self.client = client
        self.tokens = {
            name: token_create(user=user, name="ทดสอบคณะกรรมการ")[1]
            for name, user in people.items()
            if hasattr(user, "pk")
        }

    def call(self, method: str, path: str, *, as_: str, body: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[as_]}"} if as_ != "anonymous" else {}
        kwargs: dict[str, Any] = {"headers": headers}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method)(f"/api/v1/committees{path}", **kwargs)

    def get(self, path: str, *, as_: str) -> Any:
        return self.call("get", path, as_=as_)

    def post(self, path: str, body: Any, *, as_: str) -> Any:
        return self.call("post", path, as_=as_, body=body)

    def patch(self, path: str, body: Any, *, as_: str) -> Any:
        return self.call("patch", path, as_=as_, body=body)

    def delete(self, path: str, *, as_: str) -> Any:
        return self.call("delete", path, as_=as_)
