"""Public verification of signed documents: QR tokens, their lookup and the citizen's page.

``services`` issues and revokes tokens (audited) and publishes a signed PDF with its QR code,
``selectors`` looks a token up and checks a PDF a citizen holds, ``views`` is the public page
``/verify/<token>/`` (``thads.documents.public_urls``), rate-limited per client address by
``ratelimit``.
"""
