"""Forms of the enforcement app."""
