"""Intake: news reports and official notices -> candidate measures -> proposals for review."""
