"""THADS platform: the project package and the platform core shared by all apps."""

from thads.celery import app as celery_app

__all__ = ["celery_app"]
