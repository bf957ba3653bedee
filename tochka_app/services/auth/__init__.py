"""Authentication rules: codes, delivery, sessions, onboarding, external identities."""
