"""A stateful simulator of the Rocket.net API, served over real HTTP.

It is an independent reading of the published OpenAPI spec and never imports the
``rocketnet`` client or Django. Run it with ``python -m sandbox``; tests use
``sandbox.server.running_sandbox``.
"""
