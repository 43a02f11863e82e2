"""Tables of the citizen_reception app (none yet: built by its own issue)."""
