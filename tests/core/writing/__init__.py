"""Tests of the plan writers and of reading the Excel tracker back."""
