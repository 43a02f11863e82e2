"""Tables of the ioc_dashboard app (none yet: built by its own issue)."""
