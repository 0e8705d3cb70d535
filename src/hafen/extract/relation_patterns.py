"""Cue patterns for ``hafen.relations.v1``: German verbs, nouns and prepositions that state a relation.

Every pattern is a general expression of German, never a name: the stage must work on
documents about any region. Confidences are per pattern family and reflect how often the
family was right on the development set (higher = more reliable).
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Which entity types a relation may connect (shared/eval/GUIDELINES.md).
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "part_of": (frozenset({"ORG", "PROJECT"}), frozenset({"ORG", "PROJECT"})),
    "located_in": (frozenset({"ORG", "PROJECT", "EVENT", "PLACE"}), frozenset({"PLACE"})),
    "cooperates_with": (frozenset({"ORG"}), frozenset({"ORG"})),
    "works_for": (frozenset({"PERSON"}), frozenset({"ORG"})),
    "organizes": (frozenset({"ORG"}), frozenset({"EVENT", "PROJECT"})),
    "develops": (frozenset({"ORG"}), frozenset({"PROJECT"})),
    "focuses_on": (frozenset({"ORG", "PROJECT", "EVENT"}), frozenset({"TOPIC"})),
    "funds": (frozenset({"ORG"}), frozenset({"ORG", "PROJECT"})),
}


def type_ok(rel: str, head_type: str, tail_type: str) -> bool:
    heads, tails = SIGNATURES[rel]
    if rel == "part_of" and head_type != tail_type:
        return False  # ORG → ORG or PROJECT → PROJECT only
    return head_type in heads and tail_type in tails


CONFIDENCE = {
    "genitive": 0.6,
    "preposition_place": 0.7,
    "coordinated_place": 0.5,
    "seat_cue": 0.6,
    "role_apposition": 0.85,
    "role_compound": 0.85,
    "role_before": 0.75,
    "role_clause": 0.7,
    "title_von": 0.6,
    "role_attr": 0.9,
    "role_with": 0.6,
    "places_in_brackets": 0.65,
    "name_genitive": 0.6,
    "role_unit": 0.75,
    "role_contact": 0.75,
    "listed_place": 0.7,
    "founder": 0.65,
    "name_compound": 0.55,
    "cooperation_mit": 0.7,
    "cooperation_zwischen": 0.7,
    "cooperation_plural": 0.55,
    "part_cue": 0.65,
    "union_members": 0.6,
    "organize_passive": 0.7,
    "organize_passive_prev": 0.55,
    "organize_attributive": 0.7,
    "organize_active": 0.6,
    "develop_active": 0.55,
    "focus_cue": 0.6,
    "focus_anaphor": 0.55,
    "docked": 0.6,
    "set_up_at": 0.55,
    "name_topic": 0.6,
    "name_place": 0.6,
    "fund_passive": 0.65,
    "fund_active": 0.6,
    "organize_agent": 0.7,
    "together": 0.55,
    "together_focus": 0.5,
    "name_prefix": 0.5,
    "heading_focus": 0.5,
    "examples_of_org": 0.6,
    "frame_part": 0.5,
    "organize_agent_prev": 0.5,
    "fund_agent": 0.65,
    "develop_passive": 0.6,
    "develop_agent": 0.6,
    "subproject": 0.55,
    "focus_back": 0.5,
    "place_adjective": 0.5,
    "contact_block": 0.6,
    "event_info": 0.7,
    "participants": 0.55,
    "investors": 0.6,
    "role_listed": 0.55,
    "bracket_holder": 0.55,
    "bare_role": 0.5,
    "origin_place": 0.55,
}

ART = r"(?:der|des|dem|den|die|das|einer|eines|einem|ein|eine)"
ADJ = r"(?:[a-zäöüß][\wäöüß-]*\s+)"  # a lower-case attribute word ("neuen", "jährlichen")

# Role nouns (with feminine and plural endings): Geschäftsführerin, Direktor, Intendant, ...
ROLE = (
    r"(?:[\wÄÖÜäöüß]*(?:[Ff]ührer|[Ll]eiter|[Dd]irektor|[Pp]räsident|[Vv]orsitzende|[Ss]precher|"
    r"[Ii]ntendant|[Rr]ektor|[Gg]ründer|[Mm]anager|[Cc]hef|[Dd]ezernent|[Bb]ürgermeister|"
    r"[Kk]oordinator|[Rr]eferent|[Ii]nhaber|[Pp]rofessor|[Vv]orstand|[Bb]eauftragte|[Kk]anzler|"
    r"[Dd]ekan|[Ll]eiterin|[Pp]artner)(?:in|innen|en|nen|r|s|n)?|CEO|CTO|CFO|COO|"
    r"Chief\s+(?:[A-Z][a-z]+\s+){1,2}Officer|(?:Managing\s+)?Director|(?:Vice\s+)?President|Head\s+of\s+\w+)"
)
# How a ROLE match ends, but for "Head of …" (which ends in any word): one of its nouns
# ("[Ff]ührer" without the initial) with one of its endings, or an English title
ROLE_ENDINGS = (
    *(
        noun + ending
        for noun in re.findall(r"\[[A-Z][a-z]\](\w+)", ROLE)
        for ending in ("", "in", "innen", "en", "nen", "r", "s", "n")
    ),
    *("CEO", "CTO", "CFO", "COO", "Officer", "Director", "President"),
)
ROLE_RE = re.compile(rf"^{ROLE}$")
TITLE_RE = re.compile(r"(?:Prof\.|Dr\.|Dipl\.-\w+\.?)(?:\s*(?:Dr\.|Prof\.|[\w.-]+\.))*")

# Text between two mentions that makes the second a dependent of the first
GENITIVE_GAP = re.compile(rf"^\s*(?:\([^)]*\)\s*)?(?:der|des)\s+{ADJ}?$")
AT_ORG_GAP = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:bei\s+der|bei\s+dem|beim|im)\s+$")
PLACE_GAP = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:,\s*)?(?:in|im|am|an\s+der|an\s+dem|auf\s+dem|auf\s+der|in\s+der|in\s+dem|"
    r"neben\s+der|neben\s+dem)\s+"
    r"(?:[\wäöüßÄÖÜ-]+\s+){0,1}(?:(?:Gelände|Areal|Campus)\s+(?:der|des)\s+)?$"
)
COORD_GAP = re.compile(rf"^\s*(?:\([^)]*\)\s*)?(?:,|und|sowie)\s*{ART}?\s*$")
LIST_GAP = re.compile(rf"^\s*(?:\([^)]*\)\s*)?(?:,|und|sowie|oder|,\s*und)?\s*{ART}?\s*{ADJ}?$")

# Cue gates. A regex scan of a sentence for a cue is costly, and most sentences hold none.
# Each gated cue below matches only at word starts, and every one of its matches contains a
# word (a maximal run of \w characters, as \b sees it) that begins with one of a few fixed
# words; its key set holds their first KEY_LEN characters. A sentence none of whose words
# starts with a key cannot match the cue, so its scan is skipped (SentenceContext.may_match).
# Words shorter than KEY_LEN must stand whole in the pattern ("Led" before \s+).
KEY_LEN = 4


def word_keys(words: str) -> frozenset[str]:
    """The keys of the space-separated ``words``."""
    return frozenset(w[:KEY_LEN] for w in words.split())


SEAT_CUE = re.compile(
    r"\b(?:(?:Haupt|Firmen|Unternehmens)?[Ss]itz|ansässig|angesiedelt|beheimatet|niedergelassen|zu\s+Hause|"
    r"(?:based|headquartered|located)\s+in)\b"
)
SEAT_KEYS = word_keys(
    "Haupt Firmen Unternehmens Sitz sitz ansässig angesiedelt beheimatet niedergelassen Hause based "
    "headquartered located"
)  # "zu Hause": "Hause" follows a space, so it starts a word

COOP_MIT = re.compile(
    r"\b(?:kooperier\w*|(?:Forschungs)?[Kk]ooperation(?:en)?|Zusammenarbeit|gemeinsam|zusammen|arbeite[nt]|"
    r"[Pp]artnerschaft)\s+(?:[^\s,.;:]+\s+){0,10}?mit\b"
)
COOP_ZWISCHEN = re.compile(r"\b(?:Kooperation|Zusammenarbeit|Partnerschaft|Allianz)\s+zwischen\b")
COOP_PLURAL = re.compile(
    r"\b(?:kooperieren|arbeiten\s+(?:\w+\s+){0,3}zusammen|gemeinsam(?!\s+(?:mit|mit\s+\w+)\b))\b"
)
COOP_KEYS = word_keys(  # the first words of COOP_MIT, COOP_ZWISCHEN and COOP_PLURAL
    "kooperier Forschungs Kooperation kooperation Zusammenarbeit gemeinsam zusammen arbeiten "
    "Partnerschaft partnerschaft Allianz"
)

PART_CUES = re.compile(
    r"\b(?:(?:ist|sind|wird|als)\s+(?:\w+\s+){0,2}Teil\s+(?:der|des|von)|"
    r"(?:Gründungs)?[Mm]itglied(?:er)?\s+(?:der|des|im|in\s+der|von)|gehör\w*\s+zu[rm]?|"
    r"Tochter\w*\s+(?:der|des|von)|unter\s+dem\s+Dach\s+(?:der|des|von))\b"
)
# "Teil" and "Dach" follow a space: they start words too
PART_KEYS = word_keys("Teil Gründungs Mitglied mitglied gehör Tochter Dach")
PART_OF_PREV = re.compile(r"^\W*Teil\s+(?:dessen|davon)\b")
SUBSIDIARY = re.compile(r"\bTochter(?:gesellschaft|unternehmen|firma)?\s+$")
UNION = re.compile(r"\b(?:Zusammenschluss|Verbund|Konsortium|Zusammenarbeit)\s+(?:aus|von|der|des)\b")
UNION_KEYS = word_keys("Zusammenschluss Verbund Konsortium Zusammenarbeit")
DOCKED = re.compile(r"\b(?:angedockt|angesiedelt|angebunden|verankert)\w*")

ORG_PASSIVE = re.compile(
    r"\b(?:[Oo]rganisiert|[Vv]eranstaltet|[Aa]usgerichtet|[Ii]nitiiert|[Bb]etrieben|[Kk]oordiniert)"
    r"(?:\s+(?:wird|wurde|werden|wurden|sie|er|es|ist))*\s+(?:von|vom|durch)\b"
)
ORG_ATTRIBUTIVE = re.compile(
    r"\b(?:organisiert|veranstaltet|ausgerichtet|initiiert|betrieben|koordiniert|getragen)e\w*\b"
)
ORG_ACTIVE = re.compile(
    r"\b(?:organisier\w*|veranstalte\w*|betreib\w*|initiier\w*|koordinier\w*|richte\w*|"
    r"startet|starten|starteten|lancier\w*|führt\s+(?:\w+\s+){0,2}durch|auflegen|aufzulegen|legt|ausbauen|auszubauen)\b"
)
DEV_ACTIVE = re.compile(
    r"\b(?:entwickel\w*|entwickelt|baut|bauen|plan(?:t|en|te)|setz\w*\s+(?:\w+\s+){0,4}um|errichte\w*|"
    r"realisier\w*|konzipier\w*|aufbauen|aufzubauen|errichten|zu\s+errichten)\b"
)
STRATEGY_WORD = re.compile(r"(?:Strategie|Plan|Konzept|Leitbild|Agenda|Masterplan)", re.IGNORECASE)
# the first words of ORG_PASSIVE, ORG_ATTRIBUTIVE and ORG_ACTIVE ("führt", "legt" and their
# "organisiert" cover those of ORG_PARTICIPLE too)
ORG_KEYS = word_keys(
    "Organisiert organisier Veranstaltet veranstalte Ausgerichtet ausgerichtet Initiiert initiier "
    "Betrieben betrieben betreib Koordiniert koordinier getragen richte startet lancier führt auflegen "
    "aufzulegen legt ausbauen auszubauen"
)
# the first words of DEV_PASSIVE, DEV_PARTICIPLE and DEV_ACTIVE ("zu errichten": "errichten"
# follows a space)
DEV_KEYS = word_keys(
    "Entwickelt entwickel Konzipiert konzipier Errichtet errichte Gebaut gebaut Realisiert realisier "
    "Geplant geplant Umgesetzt umgesetzt baut bauen plant setz aufbauen aufzubauen"
)

FOCUS_CUE = re.compile(
    r"\b(?:forsch\w*|erforsch\w*|Forschung\s+(?:zu|an|im)|Schwerpunkt\w*|Fokus|fokussier\w*|"
    r"(?:im|dem)\s+Bereich|(?:in|aus)\s+den\s+Bereichen|(?:auf|in)\s+den\s+Feldern|spezialisiert|"
    r"Themen|Thema|Themenfeld\w*|Kompetenzfeld\w*|beschäftig\w*\s+sich\s+mit|arbeite\w*\s+(?:\w+\s+){0,3}an|"
    r"widme\w*|konzentrier\w*|setz\w*\s+auf|Expertise|Technologieschwerpunkt|Querschnittsthema|"
    r"untersuch(?:t|en)|erprob(?:t|en)|befass\w*\s+sich\s+mit|"
    r"\w*(?i:zentrum|zentren|netzwerk|cluster|plattform|campus|labor|institut|inkubator)\s+für|"
    r"Vorreiter(?:in)?\s+(?:der|des|bei\s+der|beim|im\s+Bereich|in\s+Sachen))\b",
)
# The first words of FOCUS_CUE's alternatives; "Bereich", "Feldern" and "für" follow a space,
# and "für" stands whole (the \b after it)
FOCUS_KEYS = word_keys(
    "forsch erforsch Forschung Schwerpunkt Fokus fokussier Bereich Feldern spezialisiert Themen "
    "Kompetenzfeld beschäftig arbeite widme konzentrier setz Expertise Technologieschwerpunkt "
    "Querschnittsthema untersuch erprob befass für Vorreiter"
)

# "X wird von der Y entwickelt", "entwickelt vom Y": the agent develops X
DEV_PASSIVE = re.compile(
    r"\b(?:[Ee]ntwickelt|[Kk]onzipiert|[Ee]rrichtet|[Gg]ebaut|[Rr]ealisiert|[Gg]eplant|[Uu]mgesetzt)"
    r"(?:\s+(?:wird|wurde|werden|wurden|worden|ist|sind))*\s+(?:von|vom|durch)\b"
)
DEV_PARTICIPLE = re.compile(r"\b(?:entwickelt|konzipiert|errichtet|gebaut|realisiert|umgesetzt)\b")
# "das Ruhr-Konferenz-Projekt „X“", "X ist ein KAS-Projekt": X is a part of the named programme
SUBPROJECT_AFTER = re.compile(r"^-(?:Teil)?(?:[Pp]rojekt|[Vv]orhaben|[Pp]rogramm|[Bb]austein)\w*\s*$")
IS_A_BEFORE = re.compile(r"^\s*(?:ist|war|wird)\s+(?:ein|eines\s+der|eine|eines)\s+$")
IS_A_AFTER = re.compile(r"^-(?:Teil)?(?:[Pp]rojekt|[Vv]orhaben|[Pp]rogramm|[Bb]austein)\b")
# "Schwerpunkt ist hierbei der Digitale Zwilling": the actor is that of the sentence before
FOCUS_BACK = re.compile(r"\b(?:hierbei|dabei|hier|dort)\b")

FUND_PASSIVE = re.compile(
    r"\b(?:gefördert|finanziert|unterstützt|gesponsert|Förderung|Fördermittel\w*|Finanzierung|"
    r"(?:mit|aus)\s+(?:\w+\s+)?Mitteln)"
    r"(?:\s+(?:wird|wurde|werden|wurden|ist))*\s+(?:von|vom|durch|des|der|aus)\b"
)
FUND_ACTIVE = re.compile(r"\b(?:fördert|fördern|förderte|finanziert|finanzieren|sponsert)\b")
# the first words of FUND_PASSIVE, FUND_PARTICIPLE and FUND_ACTIVE ("mit Mitteln": "Mitteln"
# follows a space)
FUND_KEYS = word_keys(
    "gefördert finanziert kofinanziert unterstützt gesponsert Förderung Finanzierung Mitteln fördert sponsert"
)

CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:der|die|das|dem|den|deren|dessen|wo|weil|dass|um|während|wobei)\b")

# A heading frame is not an actor: "im Rahmen des Masterplans X" never heads a relation.
FRAME_BEFORE = re.compile(
    r"\b(?:im\s+Rahmen|im\s+Zuge|anlässlich)\s+(?:der|des|von)\s+(?:\S+\s+){0,3}$", re.IGNORECASE
)
# "Das an der X angedockte Projekt ...": a definite noun phrase that refers back to a named thing
ANAPHOR = re.compile(
    r"^\W*(?:Das|Die|Der|Dieses|Diese|Dieser)\b[^.;:]{0,100}?\b(Projekt|Vorhaben|Programm|Plattform|"
    r"Initiative|Netzwerk|Institut|Zentrum|Unternehmen|Konferenz|Veranstaltung|Messe|Festival|Themen)\b"
)
ANAPHOR_TYPES = {
    "Projekt": "PROJECT",
    "Vorhaben": "PROJECT",
    "Programm": "PROJECT",
    "Plattform": "PROJECT",
    "Initiative": "PROJECT",
    "Netzwerk": "ORG",
    "Institut": "ORG",
    "Zentrum": "ORG",
    "Unternehmen": "ORG",
    "Konferenz": "EVENT",
    "Veranstaltung": "EVENT",
    "Messe": "EVENT",
    "Festival": "EVENT",
    "Themen": "EVENT",  # "Die Themen reichen von …" after an event has been introduced
}
SET_UP_AT = re.compile(r"\b(?:eingerichtet|gegründet|angesiedelt|aufgebaut|angedockt)\w*")
SET_UP_KEYS = word_keys("eingerichtet gegründet angesiedelt aufgebaut angedockt")
NAME_TOPIC = re.compile(r"\b(?:für|zur|zum|zu)\s+$")
NAME_PLACE = re.compile(r"\b(?:in|im|am|an\s+der)\s+$")
GENITIVE_END = re.compile(r"\s(?:der|des)\s+$")

# Verb-final passives: "wird von der IHK veranstaltet", "vom Land Hessen gefördert"
ORG_PARTICIPLE = re.compile(r"\b(?:organisiert|veranstaltet|ausgerichtet|initiiert|betrieben|koordiniert)\b")
FUND_PARTICIPLE = re.compile(r"\b(?:gefördert|finanziert|kofinanziert|gesponsert|unterstützt)\b")
AGENT_BEFORE = re.compile(r"\b(?:von|vom|durch)\s+(?:der|dem|den|die|das)?\s*$")
# Cues after which the topic precedes: "ist auf Sensorik spezialisiert"
FOCUS_VERB_FINAL = re.compile(r"^(?:spezialisiert|fokussiert|konzentriert)")
GENITIVE_AFTER_CUE = re.compile(r"^\s*(?:des|der|von|vom)\s+(?:\w+\s+)?$")

# "Gemeinsam arbeiten sie an …": the group named in the sentence before works together
TOGETHER = re.compile(
    r"^\W*(?:(?:Gemeinsam|Zusammen)\s+(?:arbeiten|forschen|entwickeln|betreiben)\s+(?:sie|die\s+\w+)|"
    r"(?:Sie|Die\s+\w+)\s+(?:arbeiten|forschen)\s+(?:\w+\s+)?gemeinsam)\b"
)

# "Innovationsprojekte der Wirtschaftsförderung wie X und Y": the organisation runs X and Y
EXAMPLES_OF_ORG = re.compile(
    r"^\s*,?\s*(?:wie|etwa|z\.\s*B\.|beispielsweise|darunter)\s+(?:die|der|das|den)?\s*$"
)
PROGRAMME_BEFORE = re.compile(
    r"(?:[Pp]rojekt|[Ii]nitiative|[Pp]rogramm|[Aa]ngebot|[Pp]lattform|[Vv]eranstaltung|[Ff]ormat)\w*\s+(?:der|des)\s+\S*\s*$"
)
FRAME_PART = re.compile(r"\b[Ii]m\s+Rahmen\s+(?:des|der)\b")
FRAME_PART_KEYS = word_keys("Rahmen")  # after a space
# A name that is a compound on a topic: "Wasserstoffnetzwerk", "Intralogistik-Kompetenzzentrum"
COMPOUND_HEAD = re.compile(
    r"^-?[a-zäöüß-]*(?:zentrum|netzwerk|cluster|campus|labor|institut|hub|plattform|initiative|allianz|forum)",
    re.IGNORECASE,
)
# "Die X GmbH wurde von P und Q gegründet": founders hold a role at what they founded
FOUNDED_BY = re.compile(r"\b(?:wurde|wurden|ist|sind)\s+(?:\S+\s+){0,3}?(?:von|vom)\s+$")
FOUNDED = re.compile(r"\b(?:gegründet|mitgegründet)\b")
FOUNDED_KEYS = word_keys("gegründet mitgegründet")
# "Leiterin der Abteilung X am Fraunhofer IML": a role in a unit of an organisation
UNIT_ROLE = re.compile(
    rf"^\s*,\s*(?:{ART}\s+)?({ROLE}\s+(?:der|des)\s+(?:Abteilung|Fakultät|Lehrstuhls?|Bereichs?|Referats?|"
    r"Teams?|Arbeitsgruppe|Gruppe|Geschäftsbereichs?|Fachbereichs?|Instituts?|Zentrums?)\b[^,;]{0,60}?)\s+"
    r"(?:am|an\s+der|im|der|des|bei\s+der|beim)\s+$"
)
# Between two items of an actor list: "X, die Uni Y und das Dortmunder Start-up Z"
CHAIN_GAP = re.compile(rf"^\s*(?:\([^)]*\)\s*)?(?:,|und|sowie|,\s*und)\s*(?:{ART}\s+)?(?:[\w-]+\s+){{0,2}}$")


class CueRule(NamedTuple):
    """A cue that states ``rel`` between a mention of ``head`` types and one of ``tail`` types.

    ``shape`` says where the two stand around the cue (``relations.apply_rule``):

    - ``between``: "X ist Teil der Y" — head before the cue, tail the first after it;
    - ``agent_after``: "X wird gefördert vom Y" — the agent (head) within ``reach`` characters
      after the cue, the thing (tail) before it; ``govern`` climbs the agent's "X der Y" chain;
    - ``agent_before``: "X wird von der Y veranstaltet" — the agent (head) within ``reach``
      characters before a verb-final participle, the thing (tail) before the agent;
    - ``active``: "X entwickelt Y" — the subject (head) before the verb, the object after it.

    The relation's confidence is ``CONFIDENCE[family]``.
    """

    shape: str
    cue: re.Pattern[str]
    head: frozenset[str]
    tail: frozenset[str]
    rel: str
    family: str
    reach: int | None = None
    govern: bool = True


_ORG = frozenset({"ORG"})
_PROJECT = frozenset({"PROJECT"})
_ORG_PROJECT = frozenset({"ORG", "PROJECT"})
_EVENT_PROJECT = frozenset({"EVENT", "PROJECT"})

# In the order they run for each relation.
CUE_RULES: tuple[CueRule, ...] = (
    CueRule("between", PART_CUES, _ORG_PROJECT, _ORG_PROJECT, "part_of", "part_cue"),
    CueRule("agent_before", ORG_PARTICIPLE, _ORG, _EVENT_PROJECT, "organizes", "organize_agent", reach=25),
    CueRule("active", ORG_ACTIVE, _ORG, _EVENT_PROJECT, "organizes", "organize_active"),
    CueRule("agent_after", DEV_PASSIVE, _ORG, _PROJECT, "develops", "develop_passive", reach=30),
    CueRule("agent_before", DEV_PARTICIPLE, _ORG, _PROJECT, "develops", "develop_agent", reach=25),
    CueRule("active", DEV_ACTIVE, _ORG, _PROJECT, "develops", "develop_active"),
    CueRule("agent_after", FUND_PASSIVE, _ORG, _ORG_PROJECT, "funds", "fund_passive", reach=30, govern=False),
    CueRule("agent_before", FUND_PARTICIPLE, _ORG, _ORG_PROJECT, "funds", "fund_agent", reach=25),
    CueRule("active", FUND_ACTIVE, _ORG, _ORG_PROJECT, "funds", "fund_active"),
)
# The keys that gate the cues of each relation's rules
CUE_KEYS: dict[str, frozenset[str]] = {
    "part_of": PART_KEYS,
    "organizes": ORG_KEYS,
    "develops": DEV_KEYS,
    "funds": FUND_KEYS,
}
