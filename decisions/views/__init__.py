"""Views of the decisions app: ``judgments`` (intake, review), ``drafting`` (decisions),
``api`` (court intake API), ``public`` (verification).
"""
