"""Tasks: service attempts, verification requests, re-verification."""
