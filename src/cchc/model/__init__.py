"""Plain, immutable data classes built from schema-valid documents."""
