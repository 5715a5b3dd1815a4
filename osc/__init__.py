"""The OSC front end: address table, validation, client registry, server and client."""
