"""Activity: account and site activity events with filters.
"""
