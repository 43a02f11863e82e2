"""Every read of the enforcement app, scoped to the actor.

Public names are re-exported here from ``cases`` and ``actions``; other apps import
``enforcement.selectors`` only."""
