"""Domain errors of the decisions app, with Vietnamese messages. Judgments and extraction."""

__all__: list[str] = []
