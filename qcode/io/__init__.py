"""Importers and exporters, one module per format. They read files; they never touch the store."""
