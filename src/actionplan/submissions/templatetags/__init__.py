"""Template tags of one-time form submissions."""
