"""Courts allowed to transfer judgments electronically, and the transfers they made."""

__all__: list[str] = []
