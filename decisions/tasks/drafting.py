"""Tasks: batch drafting, rendering and signing of decisions."""
