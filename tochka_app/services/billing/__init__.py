"""Billing: the subscription state machine, proration, payments through a provider, the ledger
and renewals. Every other part asks `services/entitlements.py`, which reads what this writes."""
