"""Owners of actions: the posts and organisations plans name, the people who hold them, and what they own."""
