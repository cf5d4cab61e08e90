"""Static files of the sandbox's Fiori face: the launchpad page and its OpenUI5 apps (no code)."""
