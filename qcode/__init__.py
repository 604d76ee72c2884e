"""qcode: keyboard-first qualitative coding for literature reviews."""

__version__ = "0.1.0"
