"""Coaching content: seeds/ and company ladders, validated with pydantic. Imports no other layer."""
