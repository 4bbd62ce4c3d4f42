"""Personal names: titles stripped, short forms matched to the full name seen earlier."""
from __future__ import annotations

from kg.resolve.gazetteer import normalize

# Words that precede a name in news copy but are not part of it.
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "president", "prime", "minister",
    "chancellor", "premier", "king", "queen", "prince", "crown", "emir", "sheikh", "sultan", "pope",
    "general", "gen", "secretary", "foreign", "defence", "defense", "spokesman", "spokeswoman",
    "spokesperson", "envoy", "ambassador", "senator", "sen", "rep", "governor", "gov", "mayor",
    "commander", "colonel", "col", "lieutenant", "admiral", "marshal", "leader", "chief", "head",
    "vice", "deputy", "former", "outgoing", "incoming", "acting", "interim", "supreme", "state",
    "special", "us", "u", "s", "the", "of",
})


def name_tokens(words: list[str]) -> list[str]:
    """Return the words of a name with leading titles removed ("Mr. Vladimir Putin" -> [Vladimir, Putin])."""
    out = list(words)
    while out and (normalize(out[0]) in HONORIFICS or not normalize(out[0])):
        out.pop(0)
    return out


def surname(name: str) -> str:
    """Return the normalised last word of a name."""
    parts = normalize(name).split()
    return parts[-1] if parts else ""


def expand_short_name(name: str, earlier_full_names: list[str]) -> str:
    """Return the latest earlier full name that `name` is a short form of, else `name`.

    "Putin" or "Mr. Putin" after "Vladimir Putin" -> "Vladimir Putin"; "Vladimir V. Putin" is a
    full name of its own and stays.
    """
    parts = normalize(name).split()
    if not parts:
        return name
    for full in reversed(earlier_full_names):
        fparts = normalize(full).split()
        if len(fparts) > len(parts) and fparts[-1] == parts[-1] and all(p in fparts for p in parts):
            return full
        # Family name first, hyphenated given name ("Lai" of "Lai Ching-te", "Lee" of "Lee Jae-myung")
        if len(parts) == 1 and "-" in full.split()[-1] and fparts[0] == parts[0]:
            return full
    if len(parts) == 1:
        # A family name written first ("Mr. Kim" of "Kim Jong Un", "Xi" of "Xi Jinping") or a name
        # used alone ("Abiy" of "Abiy Ahmed"): the one earlier full name it begins, if no name ends with it.
        firsts = {full for full in earlier_full_names if len(normalize(full).split()) > 1
                  and normalize(full).split()[0] == parts[0]}
        if len(firsts) == 1 and not any(normalize(full).split()[-1:] == parts for full in earlier_full_names):
            return firsts.pop()
    return name
