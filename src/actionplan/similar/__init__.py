"""Answers that worked elsewhere: recommendations answered in other plans, found by the likeness of their wording."""
