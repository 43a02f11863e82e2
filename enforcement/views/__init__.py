"""Views of the enforcement app: ``cases`` (worklists, case page, transitions), ``actions``
(service, verification, coercion), ``public`` (portal opening of served documents).
"""
