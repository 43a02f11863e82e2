"""Judgments received (court transfer, scan or text PDF), their extracted fields and reviews."""

__all__: list[str] = []
