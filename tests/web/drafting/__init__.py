"""Tests of drafting a plan in the web service."""
