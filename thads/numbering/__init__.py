"""Gapless document numbers: one counter row per (office, series, year), locked per issue."""
