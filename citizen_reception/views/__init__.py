"""Staff views of citizen reception: counter intake (``intake``), petitions and their actions
(``petitions``), the reception log and the heads' reception days (``reception``)."""

from citizen_reception.views.intake import *  # noqa: F403
from citizen_reception.views.petitions import *  # noqa: F403
from citizen_reception.views.reception import *  # noqa: F403
