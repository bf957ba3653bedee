"""Tochka Rosta — multi-tenant SaaS platform for small businesses."""
