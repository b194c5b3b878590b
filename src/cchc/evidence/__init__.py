"""Evidence files: where they may be, and what a PDF must be."""
