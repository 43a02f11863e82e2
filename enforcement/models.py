"""Tables of the enforcement app (none yet: built by its own issue)."""
