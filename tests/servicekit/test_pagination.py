import pytest

from servicekit.pagination import InvalidCursor, decode_cursor, encode_cursor


def test_cursor_round_trip() -> None:
    key = {"id": 42, "created": "2026-05-03T14:00:00"}
    assert decode_cursor(encode_cursor(key), {"id", "created"}) == key


@pytest.mark.parametrize("cursor", ["!!!", "bm90IGpzb24", encode_cursor({"other": 1})])
def test_bad_cursor_is_a_clear_400(cursor: str) -> None:
    with pytest.raises(InvalidCursor):
        decode_cursor(cursor, {"id"})
