"""Authentication: ``POST /v1/login`` returns the bare ``{"token": ...}``, no envelope."""

import logging

from ..auth import issue_token
from ..responses import ApiError, json_response, require_fields
from ..router import route

logger = logging.getLogger(__name__)


@route("POST", "/v1/login", authenticated=False)
def login(ctx):
    body = ctx.body()
    require_fields(body, "username", "password")

    account = ctx.state.account_by_email(body["username"])
    if account is None or body["password"] != account.password:
        logger.info("Login failed for %s", body["username"])
        raise ApiError(401, "Authentication failed: wrong username or password")

    return json_response({"token": issue_token(ctx.state, account)})
