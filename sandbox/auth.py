"""JWT tokens for ``POST /v1/login``: HS256, signed with a per-process secret.

Expiry is checked against the sandbox clock, not the wall clock, so tests can move
time forward past ``exp`` instead of waiting seven days.
"""

import jwt

from .responses import ApiError

TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600


def issue_token(state, account):
    now = int(state.now())
    claims = {
        "sub": account.email,
        "account_id": account.id,
        "iat": now,
        "exp": now + TOKEN_LIFETIME_SECONDS,
        "gen": account.token_generation,
    }
    return jwt.encode(claims, state.jwt_secret, algorithm="HS256")


def decode_claims(state, token):
    """Return the verified claims of ``token``, ignoring expiry, or None if invalid."""
    try:
        return jwt.decode(
            token,
            state.jwt_secret,
            algorithms=["HS256"],
            options={"verify_exp": False, "verify_iat": False, "require": ["exp", "sub"]},
        )
    except jwt.InvalidTokenError:
        return None


def bearer_token(request):
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def authenticate(state, request):
    """Return the account of the request's bearer token, or raise a 401."""
    token = bearer_token(request)
    if token is None:
        raise ApiError(401, "Authentication failed: missing Authorization: Bearer <token> header")

    claims = decode_claims(state, token)
    if claims is None:
        raise ApiError(401, "Authentication failed: the token is invalid, log in again")

    if claims["exp"] <= state.now():
        raise ApiError(401, "Authentication failed: the token has expired, log in again")

    account = state.account_by_email(claims["sub"])
    if account is None or claims.get("gen") != account.token_generation:
        raise ApiError(401, "Authentication failed: the token was revoked, log in again")

    return account


def account_email_hint(state, request):
    """Return the email a request acts for, without failing, for fault matching."""
    token = bearer_token(request)
    if token is not None:
        claims = decode_claims(state, token)
        if claims is not None:
            return claims.get("sub")

    if request.path == "/v1/login":
        body = request.get_json(silent=True)
        if isinstance(body, dict) and isinstance(body.get("username"), str):
            return body["username"].strip().lower()
    return None
