"""Every write of the citizen_reception app (contract of issue 7, citizen.md).

Public names are re-exported here from ``intake`` (receive, route, appeal), ``handling``
(classification to closing), ``deadlines`` (statutory clocks, reminders), ``reception`` (the
reception log and reception days) and ``documents`` (the signed acknowledgement and resolution
PDFs); other apps and the app's views import ``citizen_reception.services`` only."""

from citizen_reception.services.deadlines import *  # noqa: F403
from citizen_reception.services.documents import *  # noqa: F403
from citizen_reception.services.handling import *  # noqa: F403
from citizen_reception.services.intake import *  # noqa: F403
from citizen_reception.services.reception import *  # noqa: F403
