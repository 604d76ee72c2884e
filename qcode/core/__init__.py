"""Pure domain: values and rules with no I/O, no database and no UI."""
