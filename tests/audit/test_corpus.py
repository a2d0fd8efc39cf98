"""The corpus of minimal pairs: for every class of change, the breaking side fires and the safe side stays silent."""

from __future__ import annotations

import pytest

from conformance.audit import Change, compare_documents, parse_document, verdict
from tests.audit.corpus import CLASSES, CORPUS, Case
from tests.audit.specimens import edited, minimal_spec


def compared(case: Case) -> tuple[Change, ...]:
    old, new = edited(minimal_spec(), case.old), edited(minimal_spec(), case.new)
    return compare_documents(parse_document(old), parse_document(new)).changes


def assert_class(klass: str) -> None:
    """Each pair of the class gets its verdict and only its rules: the breaking side fires, the safe one is silent."""
    cases = [case for case in CORPUS if case.klass == klass]
    assert {case.verdict for case in cases} >= {"breaking", "safe"}, "a class has both sides"
    for case in cases:
        changes = compared(case)
        assert sorted(c.rule_id for c in changes) == sorted(case.rules), case.id
        assert verdict(changes) == case.verdict, case.id
        if case.verdict == "breaking":
            assert any(c.severity == "breaking" for c in changes), case.id
        else:
            assert all(c.severity != "breaking" for c in changes), case.id


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.id)
def test_each_pair_of_the_corpus_gets_its_verdict_and_rules(case: Case) -> None:
    changes = compared(case)
    assert (verdict(changes), sorted(c.rule_id for c in changes)) == (case.verdict, sorted(case.rules))


def test_a_required_request_header_breaks_and_an_optional_or_response_one_does_not() -> None:
    assert_class("request-header")


def test_narrowing_breaks_a_request_and_widening_breaks_a_response_for_every_keyword() -> None:
    assert_class("direction")
    keywords = {"format", "additionalProperties", "bounds", "pattern", "enum", "nullability", "type"}
    for keyword in keywords:
        sides = {(case.name.rsplit(" ", 1)[1], case.verdict) for case in CORPUS if case.name.startswith(keyword + " ")}
        assert {("request", "breaking"), ("request", "safe"), ("response", "safe")} <= sides, keyword
        assert sides & {("response", "breaking"), ("response", "warnings only")}, keyword


def test_alternatives_are_paired_by_what_they_are_not_where_they_stand() -> None:
    assert_class("alternatives")


def test_a_security_alternative_dropped_while_another_remains_warns_and_none_left_breaks() -> None:
    assert_class("security")


def test_a_change_in_a_shared_component_is_one_change_whatever_it_reaches() -> None:
    assert_class("shared-component")


def test_a_component_change_is_reported_once_with_every_operation_it_reaches() -> None:
    case = next(case for case in CORPUS if case.name == "a field dropped from the task two operations return")
    (change,) = compared(case)
    assert change.pointer == "/components/schemas/TaskOut/properties/due"
    assert change.operations == ("GET /tasks/{id}", "PUT /tasks/{id}")
    body = "responses/200/content/application~1json/schema/properties/due"
    assert change.locations == (f"/paths/~1tasks~1{{id}}/get/{body}", f"/paths/~1tasks~1{{id}}/put/{body}")


def test_an_enum_shared_by_a_request_and_a_response_is_reported_once_per_side() -> None:
    case = next(case for case in CORPUS if case.name.startswith("an enum value added to a component sent and read"))
    changes = compared(case)
    assert {(c.rule_id, c.pointer, c.operations) for c in changes} == {
        ("request-enum-value-added", "/components/schemas/State/enum", ("PUT /tasks/{id}",)),
        ("response-enum-value-added", "/components/schemas/State/enum", ("GET /tasks/{id}", "PUT /tasks/{id}")),
    }


def test_every_class_of_the_issue_is_in_the_corpus() -> None:
    assert {case.klass for case in CORPUS} == set(CLASSES)
    assert len({case.id for case in CORPUS}) == len(CORPUS)
