"""Admin: judgments."""
