"""Every read of the citizen_reception app, with the office scope built in. Public names are
re-exported from ``petitions`` and ``reception`` (``selectors/ioc.py`` belongs to the IOC
dashboard's helper and is imported by its full path)."""

from citizen_reception.selectors.ioc import *  # noqa: F403
from citizen_reception.selectors.petitions import *  # noqa: F403
from citizen_reception.selectors.reception import *  # noqa: F403
