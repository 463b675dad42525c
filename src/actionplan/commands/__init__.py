"""The subcommands of the actionplan command line, one module each."""
