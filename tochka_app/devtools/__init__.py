"""Local stand-ins for outside services, for development runs and tests (never used in production)."""
