"""Clients for outside services, all over httpx. Base URLs come from settings so tests can point
them at local fakes."""
