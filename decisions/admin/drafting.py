"""Admin: decisions."""
