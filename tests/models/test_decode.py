"""The slow paths of the generated checks: values that are not the plain JSON type."""

from __future__ import annotations

from collections import OrderedDict
from types import MappingProxyType

import pytest

from gigstack_async import _decode as dec
from gigstack_async._parsing import ParseError
from gigstack_async.models import Address, GigstackClient, Invoice, Payment, Tax


class Code(str):
    pass


def test_subclasses_of_the_json_types_are_accepted_where_exact_types_are_expected() -> None:
    assert Address.from_dict({"zip": Code("03100")}).zip_ == "03100"
    assert Invoice.from_dict({"folio_number": True is False or 3}).folio_number == 3
    with pytest.raises(ParseError, match=r"^folio_number: expected integer, got bool$"):
        Invoice.from_dict({"folio_number": True})
    with pytest.raises(ParseError, match=r"^livemode: expected boolean, got int$"):
        Invoice.from_dict({"livemode": 1})
    with pytest.raises(ParseError, match=r"^payment_form: expected string, got int$"):
        Invoice.from_dict({"payment_form": 3})


def test_nested_objects_may_be_any_mapping_or_the_model_itself() -> None:
    client = GigstackClient.from_dict(
        MappingProxyType({"id": "c1", "address": OrderedDict(zip="03100")})
    )
    assert client.address is not None and client.address.zip_ == "03100"
    same = GigstackClient.from_dict({"id": "c1", "address": client.address})
    assert same.address is client.address
    with pytest.raises(ParseError, match=r"^address: expected object \(Address\), got list$"):
        GigstackClient.from_dict({"id": "c1", "address": []})
    with pytest.raises(ParseError, match=r"^address\.zip: expected string, got int$"):
        GigstackClient.from_dict({"id": "c1", "address": MappingProxyType({"zip": 3100})})


def test_lists_keep_allowed_nulls_skip_others_and_report_bad_elements() -> None:
    payment = Payment.from_dict(
        {"items": [None, {"description": "x"}], "allowed_payment_methods": ["card", {}, None]}
    )
    assert payment.items is not None and payment.items[0] is None
    assert payment.allowed_payment_methods is not None
    assert payment.allowed_payment_methods[0] == "card"
    invoice = Invoice.from_dict({"items": [None, {"description": "x"}]})
    assert invoice.items is not None and [i.description for i in invoice.items] == ["x"]
    with pytest.raises(ParseError, match=r"^items\[1\]: expected object or null, got int$"):
        Payment.from_dict({"items": [None, 5]})
    with pytest.raises(ParseError, match=r"^emails\[0\]: expected string, got int$"):
        Payment.from_dict({"emails": [1]})
    with pytest.raises(ParseError, match=r"^items: expected array, got str$"):
        Invoice.from_dict({"items": "x"})


def test_shapes_widen_integers_and_read_models_given_as_mappings() -> None:
    shape = dec.Shape("number or object", scalars=(float,), model=Tax, widen=True)
    assert dec.as_shape(2, shape, "x") == 2.0
    assert dec.as_shape(MappingProxyType({"rate": 1}), shape, "x").rate == 1.0
    with pytest.raises(ParseError, match=r"^x\.rate: expected number, got str$"):
        dec.as_shape({"rate": "1"}, shape, "x")
    with pytest.raises(ParseError, match=r"^x: expected number or object, got bool$"):
        dec.as_shape(True, shape, "x")
    strings = dec.Shape(
        "array or string", scalars=(str,), items=dec.Shape("string", scalars=(str,))
    )
    assert dec.as_shape(("a", "b"), strings, "x") == ["a", "b"]
    assert dec.as_shape(Code("a"), strings, "x") == "a"
    with pytest.raises(ParseError, match=r"^x\[1\]: expected string, got int$"):
        dec.as_shape(["a", 1], strings, "x")


def test_scalar_helpers_and_the_wire_form() -> None:
    assert dec.as_float(3, "x") == 3.0 and dec.as_number(3, "x") == 3
    with pytest.raises(ParseError, match="expected number, got bool"):
        dec.as_number(False, "x")
    with pytest.raises(ParseError, match=r"^x: required field is missing$"):
        dec.as_str(dec.MISSING, "x")
    assert repr(dec.MISSING) == "MISSING"
    assert dec.within(ParseError("", "bad"), "a").path == "a"
    assert dec.within(ParseError("[2].b", "bad"), "a").path == "a[2].b"
    assert dec.dump([Tax(rate=0.16), None, 1]) == [{"rate": 0.16}, None, 1]
