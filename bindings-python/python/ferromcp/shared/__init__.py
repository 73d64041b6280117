"""Pieces shared by servers: exceptions."""
