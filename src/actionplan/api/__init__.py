"""The read API: plans as canonical JSON (actionplan/1) for those who may read them, and open data for everyone."""
