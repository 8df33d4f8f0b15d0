"""Reporting: CDN, WAF and bandwidth-style analytics for a site over a requested window.

Series are deterministic from the seed, the site and the window, so the same request
always returns the same numbers.
"""
