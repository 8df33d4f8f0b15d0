"""ShopShield: URIs excluded from caching for WooCommerce-style shops.
"""
