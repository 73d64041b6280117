"""Pieces shared by servers and clients: exceptions, protocol versions, in-memory connections."""
