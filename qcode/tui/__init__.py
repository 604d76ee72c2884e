"""The full-screen terminal app (Textual). It calls services; it never runs its own SQL."""
