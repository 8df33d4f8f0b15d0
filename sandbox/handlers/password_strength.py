"""Password strength: the minimum WordPress password strength for a site.
"""
