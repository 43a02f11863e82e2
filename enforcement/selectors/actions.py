"""Every read of the enforcement app, scoped to the actor. Service of documents, verification,
coercion.
"""

__all__: list[str] = []
