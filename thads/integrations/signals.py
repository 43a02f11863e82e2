"""Domain events of the integration layer (style.md 2.4: the one sanctioned use of signals).

``integration_call_finished(sender=IntegrationCall, outcome=CallOutcome)`` is sent after every
attempt has been recorded, from the process that made it: the first attempt inside the
adapter call, later ones from the retry task. A calling app (enforcement: service of documents,
verification of conditions) connects a receiver in its ``AppConfig.ready()`` and filters on
``outcome.operation`` and ``outcome.object_type``; it calls only its own service, which must be
idempotent, because the first attempt's result also comes back to the caller directly.
Receivers' errors are logged, never raised into the sender.
"""

from django.dispatch import Signal

integration_call_finished = Signal()
