"""Tables of the receipts app (none yet: built by its own issue)."""
