"""Site transfers: move a site between accounts (initiate, accept, reject, cancel).
"""
