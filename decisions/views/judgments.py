"""Views: judgments."""
