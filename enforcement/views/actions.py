"""Views: actions."""
