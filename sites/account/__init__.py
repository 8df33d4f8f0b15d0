"""Pages for one connection's Rocket.net account: its users, its settings, its tasks, incoming transfers.

Mounted under accounts/connections/<pk>/account/. Reads need the viewer role; changing account
users and settings needs admin; accepting or rejecting an incoming site transfer needs member, like other
site actions.
"""
