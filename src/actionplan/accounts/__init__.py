"""People who use the service, their roles and the establishments they belong to."""
