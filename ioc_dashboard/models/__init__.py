"""Tables of the ioc_dashboard app: the summary tables of the figures (``figures``)."""

from ioc_dashboard.models.figures import *  # noqa: F403
