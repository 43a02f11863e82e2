"""Tasks: extraction of judgments."""
