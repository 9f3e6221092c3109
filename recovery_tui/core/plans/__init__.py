"""What a plan is and where plans come from: the model, the TOML loader, the catalog."""
