"""Every read of the enforcement app, scoped to the actor. Cases, state machine, deadlines,
worklists, tasks.
"""

__all__: list[str] = []
