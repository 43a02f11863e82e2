"""Tables of the decisions app (none yet: built by its own issue)."""
