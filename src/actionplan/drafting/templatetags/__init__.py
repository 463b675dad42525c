"""Template tags of the drafting app."""
