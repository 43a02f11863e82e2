"""Factories: drafting."""
