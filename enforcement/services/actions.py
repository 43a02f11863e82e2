"""Every write of the enforcement app. Service of documents, verification, coercion."""
