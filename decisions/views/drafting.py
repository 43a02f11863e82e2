"""Views: drafting."""
