"""The new-site page: a form that queues a site_create job, which follows the site until it is ready."""
