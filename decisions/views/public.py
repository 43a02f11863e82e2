"""Views: public."""
