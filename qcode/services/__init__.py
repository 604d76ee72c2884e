"""Use cases: each public function opens one transaction and composes store, io and core."""
