"""Sign-off and publication: the plan's states, approval records, frozen versions and their history."""
