"""The tuned numbers of the places stage: priors, focus weights, distances, confidences and thresholds.

Figures quoted from commits are `eventwire eval geo` accuracies at 161 km (acc@161) on LGL and GeoVirus, for the
whole commit that set the value, not for the value alone. "Set by hand" means no measurement is on record.
"""

from __future__ import annotations

from eventwire.tuning import Param, Tuning

_SKELETON = "set by hand in c8617e4 (eventwire skeleton); not measured"
_BY_HAND_5CAE128 = "set by hand in 5cae128 (geo evaluation and gazetteer/places improvements); not measured"
_PROXIMITY = (
    "set in bb7fa7c (proximity and coherence of readings), whose changes together moved LGL acc@161 0.52 -> 0.72 "
    "and GeoVirus 0.75 -> 0.80 (CHANGELOG 'Geoparsing: mended NER spans ...'); value not measured alone"
)
_STRAYS = (
    "set in 26aaba1 (main local place from the best-supported state, strays), whose changes together moved LGL "
    "acc@161 0.763/0.894 -> 0.776/0.907 and GeoVirus 0.840/0.865 -> 0.849/0.874 (all / detected); value not "
    "measured alone"
)
_POSITIONS = (
    "set in 703b8e1 (approximate positions of unknown names), whose changes together moved LGL acc@161 "
    "0.756 -> 0.764 and GeoVirus 0.829 -> 0.840; value not measured alone"
)
_BIG_CITY = (
    "set in 22799f8 (a city of 500,000 or more is what its bare name means); its comment says 500,000 and 0.3 were "
    "chosen on the development three quarters of LGL and GeoVirus, figures not recorded"
)

TUNING = Tuning(
    "places",
    # Recognition: the population a gazetteer-only match with no place cue needs.
    Param("big_place", 100_000, _SKELETON),
    # The context-free prior of a reading (resolution.prior), in the order its terms are added: log10(population
    # + 1) divided by population_divisor, a bonus per level (an admin1's scaled by its size above
    # admin1_small_log), a city holding province_city_share of its province's people, own name, big city, capital.
    Param("population_divisor", 10, _SKELETON),
    Param("country_prior", 0.6, _SKELETON),
    Param(
        "region_prior",
        1.0,
        "raised from 0.7 in df78f7a (curated oceans, seas and lakes), whose changes together moved LGL acc@161 "
        "among detected 0.864 -> 0.867 and GeoVirus 0.830 -> 0.834 (CHANGELOG); value not measured alone",
    ),
    Param("admin1_prior", 0.35, f"{_SKELETON}; scaled by the admin1's size since 26aaba1"),
    Param("admin1_small_log", 5.0, _STRAYS),
    Param("province_city_share", 0.25, _SKELETON),
    Param("province_city_prior", 0.45, "set by hand in 0842a92 (stages end to end; was 0.4 in c8617e4); not measured"),
    Param("primary_prior", 0.3, _SKELETON),
    Param("big_city_pop", 500_000, _BIG_CITY),
    Param("big_city_prior", 0.3, _BIG_CITY),
    Param(
        "capital_prior", 0.6, "set by hand in 0842a92 (stages end to end); own name only since bb7fa7c; not measured"
    ),
    # Country focus of an actor's country and of a demonym's; the weight of a state named outright against a
    # town in the state focus, and its growth with the log of its mentions; a region's share of its member
    # countries' focus is divided by region_country_divisor.
    Param("actor_focus", 0.5, _SKELETON),
    Param(
        "demonym_focus",
        0.5,
        "set in 4ec99b5 as much as an actor's country (actor_focus); not measured alone (eval geo after it, "
        "CHANGELOG in 3e4bb56: GeoVirus 0.895 / 0.921, LGL 0.860 / 0.921, all gold / detected)",
    ),
    Param("state_weight", 2.0, _BY_HAND_5CAE128),
    Param("state_repeat", 1.0, _STRAYS),
    Param("region_country_divisor", 2, _SKELETON),
    # A reading's score: prior + country_focus_weight * country share + state_focus_weight * state share
    # + proximity_weight * (proximity + coherence_weight * coherence).
    Param("country_focus_weight", 1.2, _SKELETON),
    Param("state_focus_weight", 1.0, _BY_HAND_5CAE128),
    Param("proximity_weight", 1.0, _PROXIMITY),
    Param("proximity_km", 150.0, f"distance scale of nearness (km); {_PROXIMITY}"),
    Param("coherence_weight", 0.5, _PROXIMITY),
    # Local readings kept per name for coherence.
    Param("readings", 12, _PROXIMITY),
    # Share of the local evidence a town keeps against a country or admin1 of its name.
    Param("big_name_local", 0.6, _PROXIMITY),
    # Local support under which a namesake of a big city gains nothing from lying in the article's country.
    Param("big_city_near", 0.2, _BIG_CITY),
    # Distance (km) within which a doubtful name's reading is among the article's places.
    Param("among_km", 60.0, _PROXIMITY),
    Param(
        "rounds", 3, "raised from 2 in 5cae128 (geo evaluation and places improvements), named in 5b083cd; not measured"
    ),
    # Confidence of a decision (resolution), in the order the formula uses them: a name the gazetteer lacks, found
    # by the NER or not; base + min(margin cap, margin / divisor), at least qualified_conf when the text
    # qualifies the name, less the penalties, within floor and ceiling.
    Param("unknown_ner_conf", 0.3, _SKELETON),
    Param("unknown_conf", 0.2, _SKELETON),
    Param("conf_base", 0.55, _SKELETON),
    Param("conf_margin_cap", 0.4, _SKELETON),
    Param("conf_margin_divisor", 2, _SKELETON),
    Param("qualified_conf", 0.9, _SKELETON),
    Param("alternate_name_penalty", 0.05, _SKELETON),
    Param("gazetteer_only_penalty", 0.1, _SKELETON),
    Param("conf_floor", 0.1, _SKELETON),
    Param("conf_ceiling", 0.95, _SKELETON),
    # Positions (positions): distance (km) from the main local place beyond which a stem's namesake is not the
    # feature's place, and the confidences of a position from a namesake and from the main local place.
    Param("stem_km", 100.0, _POSITIONS),
    Param("stem_conf", 0.5, _POSITIONS),
    Param("approximate_conf", 0.2, _POSITIONS),
    # A town under stray_pop, alone in its country while stray_focus names lie in one other country (or alone in
    # its state while state_stray_focus lie in one other state), is a namesake of a place the gazetteer lacks.
    Param("stray_pop", 50_000, _STRAYS),
    Param("stray_focus", 2, _STRAYS),
    Param("state_stray_focus", 3, _STRAYS),
)
