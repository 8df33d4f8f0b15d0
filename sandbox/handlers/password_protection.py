"""Password protection: HTTP basic auth for a site and its users.
"""
