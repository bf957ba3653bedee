"""A workspace's own settings: profile, address (slug), logo, custom domains, and host lookup."""
