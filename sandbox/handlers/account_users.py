"""Account users: invite, reinvite, accept an invite, set a password, change and remove.
"""
