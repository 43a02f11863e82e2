"""System checks (placeholder until the tooling helper lands)."""
