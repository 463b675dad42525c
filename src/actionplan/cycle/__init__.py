"""The inspection cycle: an establishment's inspections in order, repeated recommendations and follow-up outcomes."""
