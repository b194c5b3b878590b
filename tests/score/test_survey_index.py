"""Survey points are indexed once per survey, not once per unit (scoring asks for every unit)."""

from __future__ import annotations

from decimal import Decimal

from cchc.model.survey import Survey, SurveyRow


class CountingRows(tuple):
    """The survey's rows, counting how many times they are walked."""

    walks = 0

    def __iter__(self):
        CountingRows.walks += 1
        return super().__iter__()


def _survey(units: int) -> Survey:
    rows = []
    for i in range(units):
        rows.append(SurveyRow(f"u{i}", "8.1", Decimal(i % 3), 10 + i))
        rows.append(SurveyRow(f"u{i}", "8.2", Decimal(0), 10 + i, na=(i % 2 == 0)))
    rows.append(SurveyRow("u0", "8.1", Decimal(9), 999))  # a duplicate: the first row counts
    return Survey(2025, "surveys/2025.yaml", CountingRows(rows))


def test_each_unit_gets_its_points_and_not_applicable_criteria():
    s = _survey(4)
    assert dict(s.of_unit("u0")) == {"8.1": Decimal(0)}
    assert s.not_applicable("u0") == frozenset({"8.2"})
    assert dict(s.of_unit("u1")) == {"8.1": Decimal(1), "8.2": Decimal(0)}
    assert s.not_applicable("u1") == frozenset()
    assert dict(s.of_unit("nobody")) == {} and s.not_applicable("nobody") == frozenset()


def test_the_rows_are_walked_once_however_many_units_ask():
    s = _survey(200)
    CountingRows.walks = 0
    for i in range(200):
        s.of_unit(f"u{i}")
        s.not_applicable(f"u{i}")
    assert CountingRows.walks == 1
