"""Staff routes of citizen reception (namespace ``citizen_reception``, mounted at
``/reception/``): intake and petitions (``routes/petitions.py``), the reception log and the
heads' reception days (``routes/reception.py``)."""
