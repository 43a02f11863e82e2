"""Domain errors of the enforcement app, with Vietnamese messages. Cases, state machine,
deadlines, worklists, tasks.
"""

__all__: list[str] = []
