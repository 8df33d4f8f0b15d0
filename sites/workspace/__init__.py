"""The site workspace: one tab per API category, each a module with its views and `urlpatterns`.

Every tab reaches its connection and site through `context.load_site`, runs Rocket.net calls
through `context.call_api` (which writes the audit row and turns API errors into messages shown
next to the form), and renders through `context.render_tab` so the tab bar and headers stay one.
"""
