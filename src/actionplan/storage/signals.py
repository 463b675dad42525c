"""Signals for changes that Django's own signals do not report: rows written in bulk."""

from django.dispatch import Signal

# Sent once a plan's recommendations are replaced in bulk (a plan read, imported, loaded or restored; no post_save
# is sent for each row), with ``plan`` (the ActionPlan) and ``rows`` (its new Recommendation rows, in order). The
# similar answers and the search index them; the inspection cycle links the repeats the plan states.
recommendations_replaced = Signal()

# Sent just before a plan's recommendations are deleted to be replaced, with ``plan``. A receiver may answer with
# a function of the new rows (as ``recommendations_replaced`` gives them), called once they are written and before
# ``recommendations_replaced`` is sent: what other apps hold on the old rows (a person's confirmed repeats, the
# inspectorate's follow-up outcomes) is carried to the new row of the same ref.
recommendations_replacing = Signal()
