"""The account behind a connection."""

from __future__ import annotations

from dataclasses import dataclass, field

from rocketnet.models._parsing import dict_or_empty, require_dict, str_or_none


@dataclass(frozen=True)
class Account:
    """The logged-in user and their plan (GetAccountMeResponse)."""

    id: str | None
    email: str | None
    firstname: str | None = None
    lastname: str | None = None
    access_level: str | None = None
    twofactor_enabled: bool | None = None
    plan: str | None = None
    account_type: str | None = None
    next_due_date: str | None = None
    usage: dict = field(default_factory=dict, compare=False)
    limits: dict = field(default_factory=dict, compare=False)
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_api(cls, data: dict) -> Account:
        data = require_dict(data, "account")
        client = dict_or_empty(data.get("client"))
        package = dict_or_empty(data.get("package"))
        return cls(
            id=str_or_none(client.get("id")),
            email=str_or_none(client.get("email")),
            firstname=str_or_none(client.get("firstname")),
            lastname=str_or_none(client.get("lastname")),
            access_level=str_or_none(client.get("access_level")),
            twofactor_enabled=client.get("twofactor_enabled"),
            plan=str_or_none(package.get("plan")),
            account_type=str_or_none(package.get("account_type")),
            next_due_date=str_or_none(package.get("next_due_date")),
            usage=dict_or_empty(data.get("usage")),
            limits=dict_or_empty(data.get("limits")),
            raw=data,
        )
