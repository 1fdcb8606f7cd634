"""Writes of the evidence app (services): indicator sets, survey imports, synthetic surveys."""
