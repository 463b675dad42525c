"""Settings: base, local (development), production and test."""
