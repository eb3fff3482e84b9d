from loaders.codes import economic_code, function_code, normalise_code, parent_code


def test_codes_printed_with_spaces_are_normalised():
    assert function_code("208 05 01") == "2080501"
    assert function_code("2080501") == "2080501"
    assert function_code("201") == "201"
    assert economic_code("301 01") == "30101"


def test_non_codes_and_wrong_lengths():
    assert normalise_code("合计") is None
    assert function_code("2080") is None
    assert economic_code("2080501") is None
    assert function_code("3,610.44") is None


def test_parent_code():
    assert parent_code("2080501") == "20805"
    assert parent_code("20805") == "208"
    assert parent_code("208") is None
