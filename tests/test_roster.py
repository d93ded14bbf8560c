import openpyxl
import pytest

from toolkit import roster
from toolkit.errors import RosterError


def write(tmp_path, text, encoding="utf-8", name="r.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_reads_csv_with_extra_columns(tmp_path):
    units = roster.read(write(tmp_path, "code,name,parent,level\n140981,原平市,1409,county\n"))
    assert units == [roster.Unit("140981", "原平市", "1409")]
    assert units[0].extra == {"level": "county"}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_reads_csv_saved_by_excel_on_chinese_windows(tmp_path, encoding):
    units = roster.read(write(tmp_path, "单位代码,单位名称,上级代码\n140981,原平市,1409\n", encoding))
    assert units[0].name == "原平市"


def test_reads_excel_and_keeps_numeric_codes_whole(tmp_path):
    path = tmp_path / "r.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["code", "name", "parent"])
    book.active.append([140981, "原平市", 1409])
    book.active.append([None, None, None])  # blank rows are skipped
    book.save(path)
    assert roster.read(path) == [roster.Unit("140981", "原平市", "1409")]


@pytest.mark.parametrize("text, key, params", [
    ("code,name\n1,甲\n", "roster.missing_column", {"column": "parent"}),
    ("code,name,parent\n1,甲,9\n2,,9\n", "roster.empty_name", {"row": 3, "code": "2"}),
    ("code,name,parent\n1,甲,9\n,乙,9\n", "roster.empty_code", {"row": 3}),
    ("code,name,parent\n1,甲,9\n2,乙,9\n1,丙,9\n", "roster.duplicate_code", {"row": 4, "first": 2, "code": "1"}),
    ("code,name,parent\n", "roster.no_units", {}),
    ("", "roster.empty", {}),
])
def test_a_bad_roster_names_the_row(tmp_path, text, key, params):
    with pytest.raises(RosterError) as err:
        roster.read(write(tmp_path, text))
    assert err.value.key == key
    assert params.items() <= err.value.params.items()
    assert "r.csv" in str(err.value)


def test_unreadable_files(tmp_path):
    with pytest.raises(RosterError) as err:
        roster.read(write(tmp_path, "not a zip", name="r.xlsx"))
    assert err.value.key == "roster.not_excel"
    with pytest.raises(RosterError) as err:
        roster.read(tmp_path / "missing.csv")
    assert err.value.key == "roster.unreadable"
    path = tmp_path / "binary.csv"
    path.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(RosterError) as err:
        roster.read(path)
    assert err.value.key == "roster.encoding"


def test_messages_exist_in_both_languages(tmp_path):
    with pytest.raises(RosterError) as err:
        roster.read(write(tmp_path, "code,name,parent\n1,甲,9\n1,乙,9\n"))
    assert "第 3 行" in err.value.message("zh") and "row 3" in err.value.message("en")
