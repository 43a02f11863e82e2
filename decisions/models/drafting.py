"""Decision templates (versioned, form codes as data), drafts, batches and signed decisions."""

__all__: list[str] = []
