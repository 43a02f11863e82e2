"""Small synthetic documents generated on demand for the tests (never real case files)."""
