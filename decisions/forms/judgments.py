"""Forms of the decisions app. Judgments and extraction."""

__all__: list[str] = []
