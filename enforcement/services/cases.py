"""Every write of the enforcement app. Cases, state machine, deadlines, worklists, tasks."""

__all__: list[str] = []
