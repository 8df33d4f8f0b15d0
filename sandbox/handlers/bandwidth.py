"""Bandwidth: account and site bandwidth usage and its history.
"""
