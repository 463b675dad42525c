"""Storing plans: the database models and the conversion between them and the core plan."""
