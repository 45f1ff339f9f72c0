"""Thin Typer commands. Heavy modules are imported inside the functions that need them."""
