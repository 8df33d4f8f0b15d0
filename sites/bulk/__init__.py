"""Bulk jobs: one action (purge cache, update plugins or themes, back up, change a setting) on many
sites across connections, and the fleet plugin search that picks sites for a plugin update.

Flow: the fleet page posts the chosen sites to views.bulk_new, which creates a BulkJob with one
queued BulkItem per site (services.create_bulk_job). tasks.dispatch_connection sends one
tasks.run_item per free UpstreamSlot of a connection, and run_item acts on the site only while it
holds a slot (slots.py), which caps the work per Rocket.net account across all workers.
"""
