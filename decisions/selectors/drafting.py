"""Every read of the decisions app, scoped to the actor. Templates, drafts, batches, signing."""

__all__: list[str] = []
