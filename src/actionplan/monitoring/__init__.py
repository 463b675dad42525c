"""Monitoring delivery: progress, evidence, slipping dates, reminders, dashboards and progress reviews."""
