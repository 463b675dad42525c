"""Signals for changes that Django's own signals do not report: rows written in bulk."""

from django.dispatch import Signal

# Sent once a plan's recommendations are replaced in bulk (no post_save is sent for each row), with
# ``plan`` (the ActionPlan) and ``rows`` (its new Recommendation rows, in order).
recommendations_replaced = Signal()
