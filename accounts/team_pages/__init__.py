"""Team pages: the audit log, the member list with its role changes, and the team's own settings."""
