"""Reads of the operations centre: figures (``metrics``), comparison with last year
(``compare``), alerts (``alerts``) and the sector's periodic report (``reports``)."""

from ioc_dashboard.selectors.alerts import *  # noqa: F403
from ioc_dashboard.selectors.compare import *  # noqa: F403
from ioc_dashboard.selectors.metrics import *  # noqa: F403
from ioc_dashboard.selectors.reports import *  # noqa: F403
