"""Web layer of the sandbox: JSON API and server-rendered screens over the same service."""
