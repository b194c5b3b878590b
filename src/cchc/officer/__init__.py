"""Tools for the Department of Home Affairs (Sở Nội vụ), the officer who runs the index.

Spreadsheets in (criteria annexes, survey results), official tables out (a unit's
summary table, the results annex), and the yearly housekeeping of plans and the unit
registry. Every problem in an input file is a finding located by sheet, row and column;
nothing is written while any error remains.
"""
