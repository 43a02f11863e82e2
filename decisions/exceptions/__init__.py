"""Domain errors of the decisions app, with Vietnamese messages.

Public names are re-exported here from ``judgments`` and ``drafting``; other apps import
``decisions.exceptions`` only."""
