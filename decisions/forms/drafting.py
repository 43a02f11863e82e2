"""Forms of the decisions app. Templates, drafts, batches, signing."""
