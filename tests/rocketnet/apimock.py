"""Helpers for the rocketnet unit tests: fake tokens, envelopes and a wait recorder."""

from __future__ import annotations

import json
import time

import jwt
import responses


BASE_URL = "http://127.0.0.1:8001"
USERNAME = "agency-one@example.com"
PASSWORD = "correct-horse-battery-staple"


def make_token(exp: float | None, subject: str = "agency-one") -> str:
    """Return an HS256 JWT with the given exp claim (None leaves exp out)."""
    claims = {"sub": subject}
    if exp is not None:
        claims["exp"] = int(exp)
    return jwt.encode(claims, "signing-key-the-client-never-sees", algorithm="HS256")


def envelope(result=None, metadata=None, messages=None, success=True, errors=None) -> dict:
    body = {"success": success, "errors": errors or [], "messages": messages or [], "result": result}
    if metadata is not None:
        body["metadata"] = metadata
    return body


def login_calls(mock: responses.RequestsMock) -> list:
    return [call for call in mock.calls if call.request.url.endswith("/v1/login")]


class Recorder:
    """Stands in for time.sleep: records each wait instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def request_json(call) -> dict:
    return json.loads(call.request.body)
