"""Billing pages: one connection's invoices, payment methods, addresses, emails, plan and usage,
and the team-wide overview. Every view needs the admin role (see billing.views.common)."""
