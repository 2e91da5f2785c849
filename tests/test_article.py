"""Page furniture: title, date line, reading time, captions with credits, bylines."""

from datetime import date

from eventwire.article import article_from_text, detect_furniture, parse_date_line

PAGE = """Floods cut off villages in the north

Floods cut off villages in the north
Rescue teams are struggling to reach hundreds of stranded families.
4 min read
Tuesday, 3 March 2020
By Jane Doe
Rescuers wade through water near the river bank [AFP]
Heavy rain has cut off at least 40 villages in the north of the country, officials said on Monday.
"""


def test_furniture_found_and_text_unchanged():
    art = article_from_text(PAGE)
    assert art.text == PAGE
    assert art.title == "Floods cut off villages in the north"
    assert art.published == date(2020, 3, 3)
    md = art.metadata
    assert md["reading_time"] == "4 min read"
    assert md["byline"] == "By Jane Doe"
    assert md["photo_credits"] == ["AFP"]
    assert md["standfirst"].startswith("Rescue teams")
    excluded = [PAGE[s:e] for s, e in md["furniture_spans"]]
    assert "4 min read" in excluded and "Tuesday, 3 March 2020" in excluded
    assert not any("Heavy rain" in x for x in excluded)


def test_plain_paragraph_has_no_furniture():
    text = "Police arrested two men in Lagos on Friday.\n\nThe men were charged with theft, a spokesman said."
    f = detect_furniture(text)
    assert f.title is None and f.excluded == [] and f.published is None


def test_given_values_win_over_furniture():
    art = article_from_text(PAGE, published=date(2020, 3, 4), title="Given")
    assert art.title == "Given" and art.published == date(2020, 3, 4)
    assert art.metadata["dateline_date"] == "2020-03-03"


def test_date_lines():
    assert parse_date_line("June 23, 2016") == date(2016, 6, 23)
    assert parse_date_line("23 June, 2016") == date(2016, 6, 23)
    assert parse_date_line("Published: 2016-06-23 10:32") == date(2016, 6, 23)
    assert parse_date_line("Thu 23 Jun 2016") == date(2016, 6, 23)
    assert parse_date_line("31 February 2016") is None
    assert parse_date_line("In June 2016 the army attacked") is None


def test_article_id_ignores_whitespace_only_changes():
    a = article_from_text("Police  arrested two men.\n")
    b = article_from_text("Police arrested two men.")
    c = article_from_text("Police arrested three men.")
    assert a.id == b.id != c.id and a.id.startswith("sha256:")
