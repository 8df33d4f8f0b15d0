app_name = "billing"

# Billing has no pages yet; the app exists so that its URL prefix and migrations have a home.
urlpatterns = []
