"""Tables of the citizen_reception app: petitions (requests, complaints, denunciations,
proposals) and their handling (``petitions``); the reception log and the heads' reception
days (``reception``); the deadline rules, data with effective dates (``rules``)."""

from citizen_reception.models.petitions import *  # noqa: F403
from citizen_reception.models.reception import *  # noqa: F403
from citizen_reception.models.rules import *  # noqa: F403
