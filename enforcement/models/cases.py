"""Cases, parties, obligations, steps, deadlines, legal rules (data with effective dates), tasks."""

__all__: list[str] = []
