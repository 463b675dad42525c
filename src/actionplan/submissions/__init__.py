"""One submission of a form makes one change: a form sent twice is saved once."""
