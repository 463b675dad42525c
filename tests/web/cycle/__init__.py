"""Tests of the inspection cycle: repeated recommendations, follow-up outcomes and their pages."""
