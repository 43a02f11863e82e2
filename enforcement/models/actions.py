"""Service of documents, verification of the debtor's conditions, coercion measures."""

__all__: list[str] = []
