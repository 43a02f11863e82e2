"""Tasks: reminders, deadline sweeps, outbound duties."""
