"""Signals for changes that Django's own signals do not report: rows written in bulk."""

from django.dispatch import Signal

# Sent once a plan's recommendations are replaced in bulk (a plan read, imported, loaded or restored; no post_save
# is sent for each row), with ``plan`` (the ActionPlan) and ``rows`` (its new Recommendation rows, in order). The
# similar answers and the search index them; the inspection cycle links the repeats the plan states.
recommendations_replaced = Signal()
