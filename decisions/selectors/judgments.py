"""Every read of the decisions app, scoped to the actor. Judgments and extraction."""

__all__: list[str] = []
