"""Views of the operations centre: the dashboard drill-down (``dashboard``), alerts
(``alerts``), tasks assigned from the screen (``tasks``), statistical reports (``reports``) and
the question assistant (``assistant``). Shared pieces: ``scope`` (who may see which part of the
country), ``figures`` (tiles from the figures engine), ``charts`` (SVG geometry), ``common``."""
