"""Every route of the app in one place."""

LANDING = "/"
MARKETPLACE = "/marketplace"
LOGIN = "/login"  # built by the authentication work

# Backend endpoints mounted through api_transformer (not Reflex pages).
HEALTH = "/health"
