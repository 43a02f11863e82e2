"""The public side of citizen reception: the online petition (no account) and tracking."""
