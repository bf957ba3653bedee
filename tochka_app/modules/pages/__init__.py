"""Pages module: static pages (Markdown) on the tenant's public site."""
