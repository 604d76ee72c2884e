"""The invented demo corpus and the builder of ``projects/demo.qcode``."""
