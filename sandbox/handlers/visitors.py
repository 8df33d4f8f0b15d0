"""Visitors: daily unique visitor counts for a site between date_from and date_to.
"""
