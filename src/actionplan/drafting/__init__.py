"""Drafting a plan: recording the inspection, adding recommendations, answering each one."""
