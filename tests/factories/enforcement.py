"""Factories: enforcement."""
