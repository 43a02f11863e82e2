"""Tables of the enforcement app: cases, parties, obligations, steps, deadlines and legal rules
(``cases``); service of documents, verification of conditions and coercion (``actions``)."""

from enforcement.models.actions import *  # noqa: F403
from enforcement.models.cases import *  # noqa: F403
