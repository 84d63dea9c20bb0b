"""Deadlines and reminders: what is due when, the reminders table, the scheduler."""
