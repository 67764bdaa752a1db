"""Users, their organisation and role, and what each role may see and do."""
