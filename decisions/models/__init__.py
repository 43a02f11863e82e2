"""Tables of the decisions app: judgments and their extraction (``judgments``), decision
templates, drafts, batches and signed decisions (``drafting``)."""

from decisions.models.court_api import *  # noqa: F403
from decisions.models.drafting import *  # noqa: F403
from decisions.models.judgments import *  # noqa: F403
