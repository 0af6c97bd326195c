"""Development and benchmark tooling that production never loads: the benchmark, load-test,
screenshot, page-audit and synthetic-data commands, and what they share (a throwaway local
server, a load generator, the Chromium launcher, the list of public page types)."""
