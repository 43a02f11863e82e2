"""Every write of the enforcement app. Service of documents, verification, coercion."""

__all__: list[str] = []
