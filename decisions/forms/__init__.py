"""Forms of the decisions app.

Public names are re-exported here from ``judgments`` and ``drafting``; other apps import
``decisions.forms`` only."""
