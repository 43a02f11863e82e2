"""Forms of the decisions app. Templates, drafts, batches, signing."""

__all__: list[str] = []
