"""Loading: bytes → parsed YAML with positions → schema-checked documents."""
