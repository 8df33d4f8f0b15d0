"""Billing: invoices with PDFs, payment methods, addresses, emails, products and PayPal.

Card numbers are never stored: a payment method keeps only brand, last4 and expiry.
"""
