"""Project folders made from the kit, read as input: `.pmo-kit.json`, `status/<YYYY-MM>.yaml`,
the gate evidence, and a portfolio's capacity file; every problem located (file:line:column:
field). The calculations live in generator/model/ (readiness, breaches, funding, portfolio)."""
