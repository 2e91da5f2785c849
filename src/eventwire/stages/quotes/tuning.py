"""Tuned numbers of the quotes stage: how far the rules look around a quote or a cue (read by name from ``TUNING``)."""

from __future__ import annotations

from eventwire.tuning import Param, Tuning

_FIRST = 'Set by hand in 0842a92 ("Stages end to end: entities, places, ..."); not measured.'
_POLNEAR = (
    "Set by hand in cb512eb (Quotes: PolNeAR evaluation, direct F1 0.93 / speaker 0.93 on dev), whose changes "
    "together took PolNeAR dev direct F1 0.72 -> 0.93 and speaker accuracy 0.82 -> 0.93 (`eventwire eval quotes "
    "<PolNeAR dev>`, CHANGELOG 0.1.0); this value was not measured alone."
)

TUNING = Tuning(
    "quotes",
    Param(
        "subject_chain_depth",
        3,
        'Links followed up from a coordinated or subordinate cue ("..., saying ...") to the verb whose subject '
        "speaks. " + _FIRST,
    ),
    Param(
        "speaker_after_cue_reach",
        4,
        'Tokens after an inverted cue in which the parse may name its speaker ("said the spokesman"). ' + _FIRST,
    ),
    Param(
        "noun_after_cue_reach",
        3,
        "Tokens after an inverted cue in which a name or noun is taken for its speaker when the parse gives none. "
        + _POLNEAR,
    ),
    Param(
        "name_head_reach",
        4,
        'Tokens between a word of a name or noun phrase and the head it is joined to ("Gene" -> "Sperling"). '
        + _POLNEAR,
    ),
    Param(
        "cue_after_reach",
        30,
        "Tokens after a closing mark beyond which no speech verb is looked for. Raised from 10. " + _POLNEAR,
    ),
    Param(
        "lead_in_reach",
        3,
        "Tokens before an opening mark beyond which a speech verb is not looked for when no colon or comma leads "
        "into the quote. " + _FIRST,
    ),
    Param(
        "governing_chain_depth",
        3,
        "Links followed up from a quote to the speech verb it hangs from in the parse. " + _POLNEAR,
    ),
    Param(
        "credit_verb_reach",
        6,
        'Tokens after the dash of a credit line ("..." - Jane Doe, a voter) that must hold no verb. ' + _POLNEAR,
    ),
    Param(
        "credit_name_reach",
        4,
        "Tokens after the dash of a credit line in which the credited name is looked for. " + _POLNEAR,
    ),
    Param(
        "standalone_line_breaks",
        2,
        "More line breaks than this between a stand-alone quote and the sentence before it, and that sentence does "
        "not attribute it. " + _FIRST,
    ),
    Param(
        "scare_quote_words",
        3,
        "An unattributed quoted stretch of this many words or fewer is a scare quote, not speech. " + _FIRST,
    ),
    Param("reported_min_chars", 3, "Reported content shorter than this (characters) is dropped. " + _FIRST),
)
