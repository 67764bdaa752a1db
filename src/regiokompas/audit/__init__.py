"""The audit trail: one row per change, written in the same transaction as the change."""
