"""The shared reader of uploaded tables: which encoding a file is read in, and which damaged lines it leaves out."""

import pytest

from academy.imports import FileUnreadable, decode

ROWS = "Name,Email\nChloé Dubois,chloe@x.example\nŁucja Wróbel,lucja@x.example\n"


def test_a_whole_utf8_file_has_no_damaged_line():
    assert (decode(ROWS.encode()).encoding, decode(ROWS.encode()).damaged) == ("UTF-8", ())


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"])
def test_a_utf8_file_cut_inside_a_character_is_utf8_with_its_last_line_left_out(prefix):
    decoded = decode(prefix + (ROWS + "José Núñez,jo").encode() + "ó".encode()[:1])
    assert decoded.damaged == (4,)
    assert decoded.text.splitlines() == ["Name,Email", "Chloé Dubois,chloe@x.example", "Łucja Wróbel,lucja@x.example"]


def test_a_cut_inside_a_character_is_utf8_even_when_no_other_line_has_an_accent():
    decoded = decode(b"Name,Email\nAna,ana@x.example\nWr" + "ó".encode()[:1])
    assert (decoded.encoding, decoded.damaged) == ("UTF-8", (3,))


def test_windows_1252_stays_windows_1252():
    decoded = decode(ROWS.replace("Ł", "L").encode("cp1252"))
    assert (decoded.encoding, decoded.damaged) == ("Windows-1252", ())
    assert "Chloé Dubois" in decoded.text


def test_one_foreign_line_among_lines_that_prove_utf8_is_left_out():
    data = (ROWS + "Zoë Brontë,z@x.example\n").encode() + "José Núñez,j@x.example\n".encode("cp1252")
    decoded = decode(data)
    assert (decoded.encoding, decoded.damaged) == ("UTF-8", (5,))
    assert "Zoë Brontë" in decoded.text and "Jos" not in decoded.text


def test_a_utf16_file_cut_after_an_odd_number_of_bytes_leaves_its_last_line_out():
    decoded = decode(("Name\tEmail\r\nAna\ta@x.example\r\nBruno\tb@x.example\r\n").encode("utf-16")[:-3])
    assert (decoded.encoding, decoded.damaged) == ("UTF-16", (3,))
    assert decoded.text.splitlines() == ["Name\tEmail", "Ana\ta@x.example"]


def test_a_file_that_is_not_utf16_after_its_mark_is_refused():
    with pytest.raises(FileUnreadable, match="claims to be UTF-16"):
        decode(b"\xff\xfeN\x00a\x00\x00\xd8")
