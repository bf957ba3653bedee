"""Business rules. Plain Python: no `import reflex`; each function takes a DB session."""
