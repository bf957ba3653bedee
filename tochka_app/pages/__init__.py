"""Page modules; importing one registers its routes (see tochka_app/routes.py)."""
