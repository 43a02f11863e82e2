"""Court intake API (``/api/v1/court/``): HMAC authentication per court (``auth``), metadata
validation (``validation``), JSON errors (``errors``), the OpenAPI description (``schema``),
and its writes and reads (``services``, ``selectors``)."""
