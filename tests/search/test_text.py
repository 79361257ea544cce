"""How text becomes searchable words, for the index and for the reader's query alike."""

import pytest

from search.text import clean, index_text, query_groups, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hồ Ba Bể", ["ho", "ba", "be"]),
        ("ĐỒNG Đăng", ["dong", "dang"]),
        ("Bắc Kạn's plan", ["bac", "kan", "s", "plan"]),
        ("17/KH-UBND", ["17", "kh", "ubnd"]),
    ],
)
def test_latin_words_are_folded(text, expected):
    assert words(text) == expected


def test_lao_sentences_are_split_into_words_and_keep_their_vowel_marks():
    assert words("ແຂວງບັກກັນຕັ້ງຢູ່ພາກເໜືອຂອງຫວຽດນາມ")[:4] == ["ແຂວງ", "ບັກ", "ກັນ", "ຕັ້ງ"]


def test_khmer_sentences_are_split_into_words_and_keep_their_subscripts():
    assert words("ខេត្តបាក់កានស្ថិតនៅភាគខាងជើង")[:3] == ["ខេត្ត", "បាក់", "កាន"]


def test_a_run_typed_without_spaces_is_one_group_to_match_as_a_phrase():
    assert query_groups("ບາເບ້ lake") == [["ບາ", "ເບ້"], ["lake"]]


def test_control_characters_and_markup_do_not_reach_the_index():
    assert clean("a\x00b\x1b[31m  c\u0007") == "a b [31m c"
    assert index_text('<script>alert("x")</script> OR 1=1; --') == "script alert x script or 1 1"
