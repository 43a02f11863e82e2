from tests.fixtures.ioc_figures import *  # noqa: F403
