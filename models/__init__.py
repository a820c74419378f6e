"""The shipped default model (package data)."""
