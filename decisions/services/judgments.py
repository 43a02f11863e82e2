"""Every write of the decisions app. Judgments and extraction."""
