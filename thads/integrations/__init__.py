"""Adapters to outside systems (VNeID, SMS gateway, banks, registries, population database,
procuracy, courts) over one signed HTTP client, every attempt recorded, with a local simulator.

Public API: ``thads.integrations.adapters`` (typed functions returning
``thads.integrations.types`` dataclasses), ``thads.integrations.services.integration_call`` (the
generic path), ``thads.integrations.signals.integration_call_finished`` (results of later
retries), ``thads.integrations.selectors`` (the call log), ``thads.integrations.masking``.
Simulator: ``manage.py integrations_simulator`` (rules in ``thads/integrations/simulator.py``).
"""
