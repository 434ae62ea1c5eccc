"""Batch screening of order lines: files and frames in, results and rejects out."""
