"""The settings: what each allows, the settings file, and where our files live."""
