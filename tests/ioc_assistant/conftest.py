import pytest


@pytest.fixture(autouse=True)
def _fresh_catalogue():
    """Each test reads offices and officers from its own database, not a cached list."""
    from django.core.cache import cache

    from ioc_dashboard.assistant import catalogue

    catalogue._LOCAL.clear()
    cache.delete(catalogue._cache_key())
    yield
    catalogue._LOCAL.clear()
    cache.delete(catalogue._cache_key())
