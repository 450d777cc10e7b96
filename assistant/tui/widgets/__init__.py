"""Widgets of the interview screen, one area per module."""
