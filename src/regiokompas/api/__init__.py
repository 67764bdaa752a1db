"""The public REST API (/api/v1/): the register's service functions and rights, as JSON (docs/api.md)."""
