"""Speakers linked to entities: by overlap, then pronouns and descriptions to the nearest fitting entity before."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.analysis import Analysis, Entity, Span
from eventwire.stages.quotes.cues import cues

_GROUP_KINDS = {"ORG", "ARMED_GROUP", "STATE_FORCE", "GOVERNMENT", "COLLECTIVE", "COUNTRY"}


class Resolver:
    """Links speaker spans to entities: by overlap, then pronouns and descriptions to the nearest fitting entity."""

    def __init__(self, analysis: Analysis, paras: list[tuple[int, int]]) -> None:
        self.analysis = analysis
        self.paras = paras
        self.mentions: list[tuple[int, int, Entity]] = sorted(
            (m.start, m.end, ent) for ent in analysis.entities for m in ent.mentions
        )

    def _para_of(self, pos: int) -> int:
        """Index of the paragraph holding ``pos`` (or the line break after it), -1 when none does."""
        for i, (s, e) in enumerate(self.paras):
            if s <= pos < e + 1:
                return i
        return -1

    def _nearest(self, before: int, kinds: set[str] | None, lemma: str | None = None, floor: int = 0) -> Entity | None:
        """The entity of the last mention ending by ``before`` and starting at ``floor`` or later, of one of
        ``kinds`` and holding ``lemma`` if given."""
        for s, e, ent in reversed(self.mentions):
            if e > before or s < floor:
                continue
            if kinds is not None and ent.kind not in kinds:
                continue
            if lemma is not None and lemma not in self.analysis.text[s:e].lower():
                continue
            return ent
        return None

    def resolve(self, speaker: Span, head: Token | None) -> str | None:
        """Entity id for the speaker mention, or None when it cannot be told."""
        a = self.analysis
        if not a.entities:
            return None
        if head is not None:
            ent = a.entity_at(head.idx, head.idx + len(head.text))
            if ent is not None:
                return ent.id
        ent = a.entity_at(speaker.start, speaker.end)
        if ent is not None:
            return ent.id
        c = cues()
        low = speaker.text.lower()
        if low in c["first_person"]:
            return None
        if low in c["pronouns"]["person"]:
            ent = self._nearest(speaker.start, {"PERSON"})
        elif low in c["pronouns"]["group"]:
            ent = self._nearest(speaker.start, _GROUP_KINDS)
        elif low in c["pronouns"]["org"]:
            ent = self._nearest(speaker.start, _GROUP_KINDS - {"COLLECTIVE"})
        else:
            ent = self._describe(speaker, head)
        return ent.id if ent is not None else None

    def _describe(self, speaker: Span, head: Token | None) -> Entity | None:
        """A description ("the spokesman", "officials"): an earlier mention with the same head word, else nearby kin."""
        if head is None:
            return None
        c = cues()
        word = head.lower_
        lemma = head.lemma_.lower()
        if word in c["group_descriptions"]:
            kinds = _GROUP_KINDS
        elif lemma in c["person_descriptions"]:
            kinds = {"PERSON"}
        else:
            return None
        ent = self._nearest(speaker.start, None, lemma=word)
        if ent is not None:
            return ent
        # Without a matching mention, only a fitting entity in this or the previous paragraph will do.
        para = self._para_of(speaker.start)
        floor = self.paras[max(para - 1, 0)][0] if para >= 0 else 0
        return self._nearest(speaker.start, kinds, floor=floor)
