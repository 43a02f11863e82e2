"""Domain errors of the decisions app, with Vietnamese messages. Templates, drafts, batches,
signing.
"""

__all__: list[str] = []
