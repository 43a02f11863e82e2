"""Views: api."""
