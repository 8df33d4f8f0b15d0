"""Custom SSL: uploaded certificates for a site; an empty list is a bare [].
"""
