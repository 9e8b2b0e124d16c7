"""The parts of the annex, one module each, in the order they appear in the document."""
