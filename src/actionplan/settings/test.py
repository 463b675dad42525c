"""Settings for the test suite (filled in with the Django apps)."""
