"""Scoring: model → per-unit results → ranked results per year and group.

Rules (see docs/phuong-phap-tinh.md):
- a self-scored criterion counts the council's score from the latest appraisal round
  that mentions it, else the unit's own score (computed from figures where the rule
  says so); a survey criterion counts the imported survey points;
- a criterion the unit declared not applicable (N/A, where allowed) leaves the
  applicable maximum, so units are compared by index (%), not points;
- bonus and penalty points are added/subtracted after the sum; the total is kept
  within [0, applicable maximum];
- index = achieved ÷ applicable maximum × 100, rounded half-up to the framework's
  precision (2 decimals by default); ranking uses that published index, and equal
  published indices share a place (1, 2, 2, 4).
"""
