"""Views: cases."""
