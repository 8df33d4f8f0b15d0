"""Site users: people given access to single sites, with invites and per-site grants.
"""
