import datetime as dt

import pytest

from qcode.core.attributes import (
    Assignment,
    Condition,
    ValueType,
    check_name,
    format_value,
    infer_value,
    json_value,
)
from qcode.core.errors import UsageError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2021", (ValueType.NUMBER, 2021.0)),
        ("-3.5", (ValueType.NUMBER, -3.5)),
        ("2021-05-03", (ValueType.DATE, dt.date(2021, 5, 3))),
        ("2021-13-40", (ValueType.TEXT, "2021-13-40")),
        ("Thailand", (ValueType.TEXT, "Thailand")),
        ("2019-2023", (ValueType.TEXT, "2019-2023")),
    ],
)
def test_values_are_typed_from_text(raw, expected):
    assert infer_value(raw) == expected


def test_whole_numbers_print_without_decimals():
    assert format_value(2021.0) == "2021"
    assert json_value(2021.0) == 2021
    assert json_value(2.5) == 2.5
    assert json_value(dt.date(2020, 1, 2)) == "2020-01-02"


@pytest.mark.parametrize(
    ("expression", "name", "op", "value"),
    [
        ("year=2021", "year", "=", "2021"),
        ("year>=2015", "year", ">=", "2015"),
        ("year<2015", "year", "<", "2015"),
        ("Country!=Thailand", "country", "!=", "Thailand"),
        ("title~kerja=sama", "title", "~", "kerja=sama"),
        ("title=a~b", "title", "=", "a~b"),
    ],
)
def test_conditions_parse_the_first_operator(expression, name, op, value):
    condition = Condition.parse(expression)
    assert (condition.name, condition.operator, condition.raw_value) == (name, op, value)


@pytest.mark.parametrize("expression", ["year", "=2021", "year>=recent", "9lives=1"])
def test_malformed_conditions_are_refused(expression):
    with pytest.raises(UsageError):
        Condition.parse(expression)


def test_assignment_with_empty_value_means_remove():
    assert Assignment.parse("Country=") == Assignment("country", "")
    with pytest.raises(UsageError):
        Assignment.parse("country")


def test_names_are_lower_cased_and_checked():
    assert check_name("  Research  Method ") == "research method"
    with pytest.raises(UsageError):
        check_name("year;drop")
