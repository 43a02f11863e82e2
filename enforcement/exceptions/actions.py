"""Domain errors of the enforcement app, with Vietnamese messages. Service of documents,
verification, coercion.
"""

__all__: list[str] = []
