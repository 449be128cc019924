"""Home, urgent help, the cancer team's number, guide mode, sources, offline support and the liveness check."""
