"""Forms of the decisions app. Judgments and extraction."""
