"""Is this a statement worth keeping? One place for every rule that drops a resolved candidate.

A statement is a claim in an analyst's database: a wrong one costs more than a missing one. Each
rule returns the reason it drops a statement, so `kg explain` can print it.
"""
from __future__ import annotations

from kg.model import Actor, Candidate

REPORTED_SPEECH_CODE = "010"  # a plain "make a statement": kept only when its object is an actor
CHANNEL_ROOTS = frozenset({"01", "04"})
# Verbs of saying whose direct object is whom they address ("told Peru"); any other's ("claims
# Taiwan", "announced the deal") is what is said, not an addressee.
ADDRESSEE_VERBS = frozenset({"tell", "write", "brief", "inform", "notify"})
MEDIA_ROOTS = frozenset({"01", "05", "11"})  # what a news medium does as an actor: state, praise, criticise  # speaking to or meeting a news medium is a channel, not a dyad
# Material conflict (coerce, assault, fight, mass violence) needs something physical to hit:
# "eliminate the root causes" is not a killing.
PHYSICAL_ROOTS = frozenset({"17", "18", "19", "20"})
# Meeting, calling, visiting and hosting are done with someone or somewhere, not with an idea.
ENCOUNTER_ROOTS = frozenset({"04"})
# A show of force (mobilising, deploying, putting on alert) is aimed at someone or somewhere, not at
# one's own soldiers ("mobilise more troops").
POSTURE_ROOTS = frozenset({"15"})
# A demand is made of an actor: "ordered troops to seize X" commands one's own agents, not a party;
# an appeal or a demand is not made of a place ("X's position must be clarified" is no demand on a base).
DEMAND_ROOTS = frozenset({"10"})
APPEAL_ROOTS = frozenset({"02", "10"})
# Aid goes to someone or somewhere: "its contribution to air defence and training" gives no aid to "training".
AID_ROOTS = frozenset({"07"})
PHYSICAL_KINDS = frozenset({"place", "thing", "people"})
PHYSICAL_ENTS = frozenset({"FAC", "LOC", "GPE", "NORP", "ORG", "PERSON"})


def physical(obj: Actor, lemma: str, ent_label: str, target_kinds: dict[str, frozenset[str]]) -> bool:
    """Return True when an object can be hit: an actor, a place, or a thing or people by its head noun."""
    if obj.is_actor:
        return True
    return bool(target_kinds.get(lemma, frozenset()) & PHYSICAL_KINDS) or ent_label in PHYSICAL_ENTS


def place(lemma: str, ent_label: str, target_kinds: dict[str, frozenset[str]]) -> bool:
    """Return True for a place by its head noun ("the border") or its entity type."""
    return "place" in target_kinds.get(lemma, frozenset()) or ent_label in ("GPE", "LOC", "FAC")


def drop_reason(c: Candidate, subject: Actor, obj: Actor, attributed: Actor | None, *,
                target_kinds: dict[str, frozenset[str]], unless_actor: Actor | None = None) -> str | None:
    """Return why the statement (c, subject, obj) is not kept, or None when it is."""
    root = (c.cameo or "")[:2]
    if not subject.is_actor:
        return "the subject is not an actor"
    if subject.type == "Media" and root not in MEDIA_ROOTS:
        return "a news medium reports; it does not demand, refuse, meet or fight"
    if subject.type == "Location":
        return "a place does not act (the parser attached a clause to a place name)"
    if obj.id == subject.id:
        return "subject and object are the same node"
    if unless_actor is not None and unless_actor.is_actor:
        return f"a better reading aims at the actor {unless_actor.label}"
    if c.requires_actor and not obj.is_actor:
        return "the target found inside the phrase is not an actor"
    if not obj.is_actor and (not c.matched_lexicon or c.cameo == REPORTED_SPEECH_CODE or c.pattern.startswith("x-")):
        return "an unknown verb's or a plain statement's non-actor object is too often an adjunct"
    if c.cameo == REPORTED_SPEECH_CODE and " " not in c.pattern and c.pattern not in ADDRESSEE_VERBS \
            and c.object.kind != "clause":
        return "what is claimed, announced or declared is its content, not an addressee"
    if obj.type == "Media" and root in CHANNEL_ROOTS:
        return "a news medium is the channel of the statement, not its counterpart"
    if not c.matched_lexicon and c.object.kind != "name":
        return "an unknown verb needs a named object"
    if not c.matched_lexicon and obj.country is not None and obj.country == subject.country:
        return "an unknown verb between an actor and its own country is internal"
    if root in PHYSICAL_ROOTS and not physical(obj, c.object.lemma, c.object.ent_label, target_kinds):
        return "material conflict needs a physical target (an actor, a place, people or a thing)"
    if root in DEMAND_ROOTS and not obj.is_actor and "people" in target_kinds.get(c.object.lemma, frozenset()):
        return "a demand is made of an actor; an order to troops or police is a command to one's own agents"
    if root in AID_ROOTS and not obj.is_actor and c.object.kind != "clause" \
            and not place(c.object.lemma, c.object.ent_label, target_kinds) \
            and "people" not in target_kinds.get(c.object.lemma, frozenset()) and c.object.ent_label != "NORP":
        return "aid goes to someone or somewhere, not to an activity or a thing"
    if root in DEMAND_ROOTS and obj.type in ("MilitaryForce", "GovernmentBody") and obj.country \
            and obj.country == subject.country \
            and subject.type in ("Person", "Country", "GovernmentBody"):
        return "an order to one's own country's forces or services is a command, not a demand on another party"
    if root in APPEAL_ROOTS and obj.type == "Location":
        return "an appeal or a demand is made of an actor, not of a place"
    if root in POSTURE_ROOTS and not obj.is_actor and not place(c.object.lemma, c.object.ent_label, target_kinds):
        return "a show of force is aimed at an actor or a place"
    if root in ENCOUNTER_ROOTS and not obj.is_actor and c.object.kind != "clause" and c.object.lemma not in c.pattern \
            and not place(c.object.lemma, c.object.ent_label, target_kinds):
        return "a meeting, call or visit needs someone or somewhere"
    return None
