"""People who use the service and their memberships: the roles they hold, and where they hold them."""
