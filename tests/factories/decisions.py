"""Factories: decisions."""
