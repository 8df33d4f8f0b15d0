"""Site templates: make a template from a site and create sites from it, both as tasks.
"""
