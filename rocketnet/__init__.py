"""A client for the Rocket.net hosting API. It has no Django imports.

    from rocketnet import Client, MemoryTokenStore
    from rocketnet.services import sites

    client = Client(base_url, username, password, token_store=MemoryTokenStore())
    sites.list_sites(client, search="shop")
"""

from rocketnet.client import USER_AGENT, Client
from rocketnet.registry import operation
from rocketnet.retry import RetryPolicy
from rocketnet.tokens import MemoryTokenStore, TokenStore, token_expiry
from rocketnet.version import __version__

__all__ = [
    "USER_AGENT",
    "Client",
    "MemoryTokenStore",
    "RetryPolicy",
    "TokenStore",
    "__version__",
    "operation",
    "token_expiry",
]
