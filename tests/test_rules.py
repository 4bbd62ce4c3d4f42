"""Each extraction and resolution rule on sentences written for it: where it fires, and where it must not.

Through the real lexicon and gazetteer. A row is (rule, sentence, statement) where a statement is
(subject label, CAMEO root or None for any, object label, negated); FIRES rows must be among the
sentence's statements, MUST_NOT rows must not. Known misses are `xfail`, not deleted.
"""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract import discourse, extract_candidates
from kg.model import Document
from kg.pipeline import parsed_documents
from kg.resolve import resolve_candidates


def statements(settings, lexicon, resources, text):
    """Return the statements of one text, parsed as `kg build` parses it (datelines, headlines)."""
    document = Document("t", text, date(2025, 3, 18))
    ((_, doc),) = parsed_documents([document], settings, resources)
    return resolve_candidates(discourse(doc), document, extract_candidates(doc, "t", lexicon, source_text=text), resources)


def matches(s, subject, root, obj, negated, modality=None):
    return (s.subject.label, s.object.label, s.negated) == (subject, obj, negated) and (root is None or s.cameo == root) \
        and (modality is None or s.modality == modality)


FIRES = [
    ("symmetric relation, coordinated subjects", "Chile and Peru signed a peace deal.", ("Peru", "05", "Chile", False)),
    ("symmetric relation, actor object", "Chile met Peru in Lima.", ("Peru", "04", "Chile", False)),
    ("reciprocal", "Chile and Peru praised each other.", ("Peru", "05", "Chile", False)),
    ("reciprocal possessive", "Chile and Peru shelled each other's border posts.", ("Chile", "19", "Peru", False)),
    ("target inside the object phrase", "Chile imposed tariffs on Peruvian goods.", ("Chile", "16", "Peru", False)),
    ("target inside the object phrase", "Chile restored diplomatic ties with Peru.", ("Chile", "05", "Peru", False)),
    ("target inside the object phrase", "Chile signed a trade protocol with Peru.", ("Chile", "05", "Peru", False)),
    ("agreement to a ceasefire", "Chile and Peru agreed to a ceasefire.", ("Chile", "08", "Peru", False)),
    ("undertaking aimed at an actor", "Chile agreed to meet Peru.", ("Chile", None, "Peru", False)),
    ("refusal", "Chile refused to recognize Peru.", ("Chile", "12", "Peru", False)),
    ("announced conflict is a threat", "Chile said it would strike Peru.", ("Chile", "13", "Peru", False)),
    ("announced cooperation is an intent", "Chile will send aid to Peru.", ("Chile", "03", "Peru", False)),
    ("reported obligation is a demand", "Chile said Peru must withdraw its troops.", ("Chile", "10", "Peru", False)),
    ("demand with a subjunctive", "Chile insisted that Peru withdraw its troops.", ("Chile", "10", "Peru", False)),
    ("negative implicative", "Chile avoided criticizing Peru.", ("Chile", "11", "Peru", True)),
    ("national body by adjective", "Peruvian Navy vessels seized a Chilean tanker.",
     ("Peruvian Navy", "17", "Chilean tanker", False)),
    ("mediator of an event meets its parties", "Chile and Peru signed a deal brokered by Norway.", ("Norway", "04", "Peru", False)),
    ("a minister's we is the country", "\"We reject Chile's proposal,\" the Peruvian foreign minister said.",
     ("Peru", "12", "Chile's proposal", False)),
    ("possessive bound in its clause", "Chile thanked Peru for its aid to Bolivia.", ("Peru", "07", "Bolivia", False)),
    ("each side and the other", "Chile and Peru met. Each side then threatened sanctions on the other.",
     ("Peru", "13", "Chile", False)),
    ("the three countries", "Chile, Peru and Bolivia met. The three countries condemned Argentina.",
     ("Bolivia", "11", "Argentina", False)),
    ("event noun with a participle's parties", "It was a compromise struck between Chile and Peru.",
     ("Peru", "05", "Chile", False)),
    ("a group referred back to when it is what the text is about",
     "Chile and Peru clashed at the border. Chile accused Peru of shelling. Peru denied it. Argentina urged the two countries to talk.",
     ("Argentina", "02", "Chile", False)),
    ("what a state says stands for it as subject", "A Peruvian statement condemned Chile.", ("Peru", "11", "Chile", False)),
    ("a relative clause on what the thing does is part of its name", "Chile welcomed steps that ease tensions.",
     ("Chile", "05", "steps that ease tensions", False)),
    ("a relative clause with a subject of its own is not part of the name", "Chile backed a plan that Peru rejected.",
     ("Chile", "05", "plan", False)),
    ("a past deed after a reported present copula is the speaker's", "Chile said Peru is a partner but criticised Bolivia.",
     ("Chile", "11", "Bolivia", False)),
    ("a conjunct with its own auxiliary stays in the reported clause",
     "Chile said Peru was ready and would sign a deal with Bolivia.", ("Peru", None, "Bolivia", False)),
    ("a demand is made of an actor's forces", "Chile ordered Peruvian troops to withdraw.",
     ("Chile", "10", "Peru (military)", False)),
    ("a judging noun in the lexicon is criticism", "Chile called the Peruvian raid a serious violation of its sovereignty.",
     ("Chile", "11", "Peruvian raid", False)),
    ("the noun of a team sent decides what was sent", "Chile sent rescue teams to Peru after the earthquake.",
     ("Chile", "07", "Peru", False)),
    ("pressing a party to act is a demand (PETRARCH2: press is demand)", "Chile pressed Peru to restrict its exports.",
     ("Chile", "10", "Peru", False)),
    ("an act refrained from reads as a verb phrase", "Chile agreed that it would not support rebels in Peru.",
     ("Chile", None, "not to support rebels", False)),
    ("an armistice agreed is a ceasefire", "Chile and Peru agreed to an armistice.", ("Chile", "08", "Peru", False)),
    ("a second titled object hung on the verb", "Chile hosted Peru's foreign minister, Ana Cecilia Gervasi, and Bolivia's "
     "foreign minister, Celinda Sosa.", ("Chile", "04", "Celinda Sosa", False)),
    ("what a reported clause has is its object", "Chile denied that its army had any role in the attack.",
     ("Chile", "01", "any role", False)),
    ("quotation marks are no part of a name and no words of a phrase", "Chile welcomed a “historic” agreement between Peru "
     "and Bolivia.", ("Chile", "05", "historic agreement between Peru and Bolivia", False)),
    ("a participle after a comma is the subject's", "Chile rejected the proposal on Monday, calling for talks with Peru.",
     ("Chile", "02", "talks with Peru", False)),
    ("noun complement's agents", "Chile announced the decision of Peru and Bolivia to withdraw from the OAS.",
     ("Bolivia", "16", "Organization of American States", False)),
    ("adjectival undertaking", "Chile is committed to maintaining peace with Peru.",
     ("Chile", "03", "maintain of peace with Peru", False)),
    ("a show of force at a place", "Chile deployed troops to the border town of Arica.", ("Chile", "15", "Arica", False)),
    ("each side within the sentence", "After a dispute between Chile and Peru, each side threatened sanctions on the other.",
     ("Chile", "13", "Peru", False)),
    ("a passive subject does its governor's complement", "Chile is committed to supporting Peru.",
     ("Chile", "03", "Peru", False)),
    ("coordination hung as a modifier", "Chile and Burkina Faso vowed to support Peru.", ("Chile", "03", "Peru", False)),
    ("an event noun in a quote is the speaker's", "The Chilean president wrote: \"Congratulations to Peru on the vote.\"",
     ("Gabriel Boric", "05", "Peru", False)),
    ("targeted by airstrikes", "The militia was targeted by Peruvian airstrikes.", ("Peru", "19", "militia", False)),
    ("family name first", "Chile criticized Lai Ching-te. Later Chile praised Lai.", ("Chile", "05", "Lai Ching-te", False)),
    ("a quote nested under another clause is still the speaker's",
     "The Chilean president added: \"We are negotiating with Peru; we are going to sign soon.\"", ("Chile", "04", "Peru", False)),
    ("a relative clause describes a thing", "Chile welcomed any moves that ease tensions in the region.",
     ("Chile", "05", "any moves that ease tensions in the region", False)),
    ("an undertaking keeps its prepositional phrase", "Chile pledged to return the country to civilian rule.",
     ("Chile", "03", "return of the country to civilian rule", False)),
    ("an undertaking not to act holds between the parties", "Chile and Peru agreed not to use force against each other.",
     ("Peru", "03", "Chile", False)),
    ("a symmetric verb without an object", "Chile and Peru talked for three hours.", ("Peru", "04", "Chile", False)),
    ("a group that keeps negotiating", "Chile and Peru met. Both sides said they would keep negotiating.",
     ("Chile", "04", "Peru", False)),
    ("a denial aimed at an actor", "Peru denied that its soldiers had attacked the Chilean embassy.",
     ("Peru", "01", "Chile (government)", False)),
    ("the origin of a product", "Chile imposed duties on wine imported from Peru.", ("Chile", "16", "Peru", False)),
    ("a warning's speaker", "Peru's president warned that Bolivia would pay a heavy price.",
     ("Dina Boluarte", "13", "pay of a heavy price", False)),
    ("a hyphenated word split by the parser", "Chile called for immediate de-escalation.",
     ("Chile", "02", "immediate de-escalation", False)),
    ("voicing support is supporting", "Chile voiced full support for Peru.", ("Chile", "05", "Peru", False)),
    ("a demand's complement tagged as a present", "The OAS demanded that Peru cooperate fully with the inquiry.",
     ("Organization of American States", "10", "Peru", False)),
    ("a possessive after the object is the object's", "Chile accused Peru of crimes in its war against Bolivia.",
     ("Peru", "19", "Bolivia", False)),
    ("a speaker's possessive", "Peru's president said her government would work with Chile.",
     ("Peru (government)", "03", "Chile", False)),
    ("all three", "Chile, Peru and Bolivia met. Argentina filed complaints against all three countries.",
     ("Argentina", "11", "Bolivia", False)),
    ("a commodity stands for its country", "Chile imposed a ban on Peruvian grain.", ("Chile", "16", "Peru", False)),
    ("a call misread as naming", "Chile's president called Peru's president Dina Boluarte on Tuesday.",
     ("Gabriel Boric", "04", "Dina Boluarte", False)),
    ("a purpose clause's subject and an object pronoun",
     "Chile's president called Peru's president on Tuesday to urge her to stop the tests.",
     ("Gabriel Boric", "02", "Dina Boluarte", False)),
    ("no longer", "Chile is no longer sending weapons to Peru.", ("Chile", "07", "Peru", True)),
    ("them after a group", "Chile and Peru clashed. Bolivia called on them to exercise restraint.",
     ("Bolivia", "02", "Peru", False)),
    ("members of a group", "Chile targeted members of Hamas.", ("Chile", "19", "Hamas", False)),
    ("a hyphenated word at the end of a phrase", "Chile refused to recognise Peru's re-election.",
     ("Chile", "12", "recognise of Peru's re-election", False)),
    ("a meeting between coordinated modifiers", "Chile hailed the meeting between Peruvian and Bolivian officials.",
     ("Peru", "04", "Bolivia", False)),
    ("dateline is not an actor", "LIMA, Peru — Chile recalled its ambassador from Peru.", ("Chile", "16", "Peru", False)),
    ("an adjective that takes its subject's act keeps it", "Bolivia met Peru. It is ready to talk to Chile.",
     ("Bolivia", "03", "Chile", False)),
    ("a speaker's possessive when nobody else was told", "The Chilean president told reporters that his government had cut aid to Peru.",
     ("Chile (government)", "16", "Peru", False)),
    ("a possessive told to a person of another gender is the speaker's",
     "The Chilean president told the Peruvian president that his tariffs on Bolivian wine were a mistake.",
     ("Gabriel Boric", "16", "Bolivia", False)),
    ("a gerund the parser hung as an adverbial is still a complement",
     "Chile, which has ruled out sending troops to Peru, is the mission's biggest backer.", ("Chile", "12", "Peru", False)),
    ("a passive's subject does what it is accused of", "Chile has been accused by Peru of failing to protect Bolivia.",
     ("Chile", "07", "Bolivia", True)),
    ("an act not ruled out is left open: a threat", "Chile has not ruled out military action against Peru.",
     ("Chile", "13", "Peru", False)),
    ("an act not ruled out is left open: a threat", "Chile did not rule out sending troops to Peru.",
     ("Chile", "13", "Peru", False)),
    ("an act not ruled out is left open: an intent", "Chile did not rule out restoring diplomatic ties with Peru.",
     ("Chile", "03", "Peru", False)),
    ("a plural relative clause stands for the whole coordination",
     "The vote worried Chile and Peru, which have accused Bolivia of fraud.", ("Chile", "11", "Bolivia", False)),
    ("a singular relative clause stands for the nearest conjunct",
     "Chile met Peru and Bolivia, which has accused Argentina of spying.", ("Bolivia", "11", "Argentina", False)),
    ("the noun of a relative clause is its complement's missing object",
     "Chile criticised the vote Peru refused to recognise.", ("Peru", "12", "vote", False)),
    ("a relative pronoun before a complement is its object", "Chile rejected the plan that Peru had agreed to sign.",
     ("Peru", "03", "plan", False)),
    ("a measure word counts the act after of", "Chile held several hours of talks with Peru.",
     ("Chile", "04", "Peru", False)),
    ("a measure word counts the act after of", "Chile launched dozens of strikes on Peru.", ("Chile", "19", "Peru", False)),
    ("a family name written first is the full name before it", "Peru's president met Kim Jong Un. Mr. Kim praised Peru.",
     ("Kim Jong Un", "05", "Peru", False)),
    ("a border post is a physical target", "Chilean forces attacked Peruvian border posts.",
     ("Chile (military)", "19", "Peruvian border posts", False)),
    ("Brussels acting is the EU", "Brussels imposed sanctions on Peru.", ("European Union", "16", "Peru", False)),
    ("the last word of an organisation's name is that organisation", "The UN Security Council met on Monday. The Council condemned Chile.",
     ("UN Security Council", "11", "Chile", False)),
    ("a naming verb with a judging predicate is criticism", "Chile called the Peruvian president a dictator.",
     ("Chile", "11", "Dina Boluarte", False)),
    ("a naming verb with a judging predicate is praise", "Chile called Peru a reliable friend.", ("Chile", "05", "Peru", False)),
    ("a naming verb judging a small clause's subject", "Chile called Peru's decision unacceptable.",
     ("Chile", "11", "Peru's decision", False)),
    ("whose is the relative clause's noun", "Chile met Peru, whose government later praised Bolivia.",
     ("Peru", "05", "Bolivia", False)),
    ("a date after an object is not part of it", "Chile praised the agreement on Monday.",
     ("Chile", "05", "agreement", False)),
    ("a passive agent holds up its subject", "Peru was held up by Chile.", ("Chile", "12", "Peru", False)),
    ("a number counts its of phrase", "Three of the Chilean soldiers were killed by Peruvian troops.",
     ("Peru (military)", "19", "Chile (military)", False)),
    ("a number counts its of phrase", "Dozens of Chilean protesters attacked Peru.", ("Chile (civilians)", "19", "Peru", False)),
    ("an undertaking agreed in the passive is its clause's subject's", "It was agreed that Chile would not attack Peru.",
     ("Chile", "03", "Peru", False)),
    ("what is said to befall someone is a threat", "Chile said Peru would face consequences.", ("Chile", "13", "Peru", False)),
    ("what is said to befall someone is a threat", "The Chilean president said Peru will pay a heavy price.",
     ("Gabriel Boric", "13", "Peru", False)),
    ("a spokesperson for a body speaks for it", "A spokesperson for Hamas criticised Peru.", ("Hamas", "11", "Peru", False)),
    ("coordinated verbs share their subject", "Chile met Peru in Lima and signed a trade deal with Bolivia.",
     ("Chile", "05", "Bolivia", False)),
]

MUST_NOT = [
    ("abstract object of a violent verb", "The plan aims at eliminating the root causes of the conflict.", ("plan", "19", "root causes", False)),
    ("hope is not a deed", "Chile hoped that Peru would agree to the ceasefire.",
     ("Peru", "08", "ceasefire", False, "asserted")),
    ("demand is not a deed", "Chile said Peru must withdraw from Bolivia.", ("Peru", "16", "Bolivia", False)),
    ("coordinated obligation is not a deed", "Chile said Peru must drop its claims and withdraw from Bolivia.",
     ("Peru", "16", "Bolivia", False)),
    ("appeal is not a deed", "Chile urged Peru to withdraw from Bolivia.", ("Peru", "16", "Bolivia", False)),
    ("an infinitive of purpose is not a deed", "Chile made a call for Peru to attack Bolivia.", ("Peru", "19", "Bolivia", False)),
    ("a claim is not a demand", "Chile insisted that Peru remained a partner.", ("Chile", "10", "Peru", False)),
    ("telling is not an appeal", "Chile told reporters that Peru would find it hard to agree.", ("Chile", "10", "Peru", False)),
    ("refusal is not the refused act", "Chile refused to support Peru.", ("Chile", "05", "Peru", False)),
    ("negated announcement is no threat", "Chile will not strike Peru.", ("Chile", "13", "Peru", False)),
    ("counterfactual is no intent", "The resolution would have supported Peru.", ("resolution", "03", "Peru", False)),
    ("two of something is not the last pair", "Chile and Peru met. Bolivia turned back two Chilean flights.",
     ("Bolivia", "12", "Peru", False)),
    ("plural without both or the two is not a pair", "Chile met Peru. Opposition parties criticized Bolivia.",
     ("Chile", "11", "Bolivia", False)),
    ("backed by is not belonging to", "Peruvian-backed rebels attacked Chile.", ("Peru", "19", "Chile", False)),
    ("a news agency does not demand", "Reuters said Chile demanded talks with Peru.", ("Reuters", "10", "Peru", False)),
    ("a place does not act", "Chile fought rebels in Lima, which has killed many civilians.", ("Lima", "19", "civilians", False)),
    ("passive complement is not an act", "Chile wants to be remembered as Peru's friend.", ("Chile", "03", "Peru", False)),
    ("two of something is not the three", "Chile, Peru and Bolivia met. The two ships attacked Argentina.",
     ("Bolivia", "19", "Argentina", False)),
    ("the other with a noun is not reciprocal", "Chile and Peru met. Chile criticized the other delegation.",
     ("Chile", "11", "Peru", False)),
    ("a decision to plan is not the plan's act", "Chile's plan to attack Peru was leaked.", ("Chile", "19", "Peru", False)),
    ("mixed coordination is not one object list", "Chile required further clarification and thanked Peru.",
     ("Chile", "10", "Peru", False)),
    ("a show of force needs a target", "Chile mobilised more troops.", ("Chile", "15", "more troops", False)),
    ("a quantity is not a target", "Chile is asking very little of Peru.", ("Chile", "02", "little of Peru", False)),
    ("a temporal adjunct belongs to the main clause", "Chile ordered its army to stop shelling after speaking with Peru.",
     ("Chile (military)", "04", "Peru", False)),
    ("targeted with sanctions is no attack", "Chile targeted Peruvian officials with sanctions.",
     ("Chile", "19", "Peru (government)", False)),
    ("rules that target exporters attack nobody", "Chile's new rules target exporters.", ("Chile", "19", "exporters", False)),
    ("both parties are not the subject's own group", "Chile and Peru urged both parties to talk.",
     ("Chile", "02", "Peru", False)),
    ("a reported event noun is not the speaker's", "Chile said that aid to Peru was not discussed.",
     ("Chile", "07", "Peru", False)),
    ("a setting is not an antecedent", "In a statement issued in Lima, the OAS said it would work with Bolivia.",
     ("Peru", "03", "Bolivia", False)),
    ("a coordinated complement is no deed", "Chile agreed not to threaten or use force against Peru.",
     ("Chile", "19", "Peru", False)),
    ("a decision announced is not a threat", "Chile will impose duties on Peruvian wine from Monday.",
     ("Chile", "13", "Peru", False)),
    ("a finite verb after a complement is not in it", "Chile agreed to support Peru and met Bolivia.",
     ("Chile", "03", "Bolivia", False)),
    ("troops stationed somewhere are not that place", "Troops stationed in Peru attacked Bolivia.",
     ("Peru", "19", "Bolivia", False)),
    ("a rejected charge is still an accusation", "Chile accused Peruvian troops of laying mines, a charge Peru rejected.",
     ("Chile", "11", "Peru (military)", True)),
    ("a finite verb after a reported clause is the speaker's own", "Chile denied that it had any role and accused Peru of lying.",
     ("Chile", "01", "Peru", False)),
    ("a demanded act is not a deed", "The OAS demanded that Peru cooperate fully with Chile.", ("Peru", "06", "Chile", False)),
    ("a bare unknown verb is no undertaking", "Chile vowed that it would keep going.", ("Chile", "03", "keep", False)),
    ("an object before its verb is a misparse", "Chile said in a post that Peru and Bolivia had agreed to talk.",
     ("Peru", "03", "post", False)),
    ("a warning about a past act is a report, not a threat", "Chile warned that Peru has increased its arms production.",
     ("Chile", "13", "increase of its arms production", False)),
    ("an undertaking about what is no statement", "Chile wants to know what Peru plans.", ("Chile", "03", "know", False)),
    ("a date is never a subject", "Chile, on Tuesday, the 18th of March, agreed to meet Peru.",
     ("18th of March", "03", "Peru", False)),
    ("it is not a plural", "Chilean troops entered Peru. It condemned the incursion.", ("Chile", "11", "incursion", False)),
    ("the it of an extraposition does nothing", "Bolivia met Peru. It is important to support Chile, the minister said.",
     ("Bolivia", "05", "Chile", False)),
    ("the it of an extraposition does nothing", "Bolivia met Peru. Peru would find it hard to agree to talks with Chile.",
     ("Peru", None, "Chile", False)),
    ("a conjunct after another subject's clause has no sure subject",
     "Chile has gained ground as Peru has courted Bolivia, isolated its allies, and criticized the Argentine president.",
     ("Chile", "11", "Javier Milei", False)),
    ("a possessive told to a rival is nobody's sure",
     "The Chilean president told the Argentine president that his tariffs on Bolivian wine were a mistake.",
     ("Gabriel Boric", "16", "Bolivia", False)),
    ("ruling out an act is not doing it", "Chile, which has ruled out sending troops to Peru, is the mission's biggest backer.",
     ("Chile", "15", "Peru", False)),
    ("the accuser is not the accused's agent", "Chile has been accused by Peru of failing to protect Bolivia.",
     ("Peru", "07", "Bolivia", True)),
    ("an adverbial gerund is not a complement", "Chile struck Peru, saying it would retaliate against Bolivia.",
     ("Chile", "12", "Bolivia", False)),
    ("not ruling out is not a negated rejection", "Chile did not rule out sending troops to Peru.",
     ("Chile", "12", "Peru", True)),
    ("ruling out is no threat", "Chile ruled out sending troops to Peru.", ("Chile", "13", "Peru", False)),
    ("a singular relative clause is not the first conjunct's",
     "Chile met Peru and Bolivia, which has accused Argentina of spying.", ("Peru", "11", "Argentina", False)),
    ("a complement missing its object is not its bare verb", "Chile criticised the vote Peru refused to recognise.",
     ("Peru", "12", "recognise", False)),
    ("a measure word is not the object", "Chile held several hours of talks with Peru.",
     ("Chile", None, "several hours of talks", False)),
    ("a first name shared by two people is neither", "Kim Jong Un and Kim Yo Jong met Chile. Mr. Kim praised Peru.",
     ("Kim Jong Un", "05", "Peru", False)),
    ("the last word of a name not named before is nobody known", "The Council condemned Chile.",
     ("UN Security Council", "11", "Chile", False)),
    ("a judgement of them is not surely of an actor", "Chile imposed sanctions on Peru. Bolivia called them a good signal.",
     ("Bolivia", "05", "Chile", False)),
    ("naming without a judgement is neither praise nor criticism", "Chile called the truce a ceasefire.",
     ("Chile", None, "truce", False)),
    ("what will not befall someone is no threat", "Chile said Peru would not regret the deal.", ("Chile", "13", "Peru", False)),
    ("paying a price is no threat when nobody says it", "Peru will pay a price for its mistakes.", ("Peru", "13", "Peru", False)),
    ("a spokesperson for a cause is not the cause", "A spokesperson for peace in Peru criticised Chile.",
     ("Peru", "11", "Chile", False)),
    ("a group that holds the clause's subject is not its object",
     "Chile thanked Peru and Brazil for their help. Brazil had telephoned both countries.", ("Brazil", "04", "Peru", False)),
    ("a group of bystanders is not the two countries the text is about",
     "Chile recalled its envoy from Peru. Peru condemned Chile. Chile accused Peru of lying. Bolivia and Ecuador voiced "
     "concern. Argentina urged the two countries to talk.", ("Argentina", "02", "Bolivia", False)),
    ("companies and associations act for themselves, not their country",
     "Peruvian industry associations criticised Chile.", ("Peru", "11", "Chile", False)),
    ("companies and associations act for themselves, not their country", "Peruvian firms condemned Chile.",
     ("Peru", "11", "Chile", False)),
    ("a relative clause with a subject of its own is not part of the name", "Chile backed a plan that Peru rejected.",
     ("Chile", "05", "plan that Peru rejected", False)),
    ("a past deed after a reported past copula is nobody's for sure",
     "Chile said that Peru was a rogue state and accused Bolivia of lying.", ("Peru", "11", "Bolivia", False)),
    ("an order to one's own troops is no demand", "Chile ordered troops to seize the border crossing.",
     ("Chile", "10", "troops", False)),
    ("a team of rescuers is no envoy", "Chile sent rescue teams to Peru after the earthquake.", ("Chile", "04", "Peru", False)),
    ("an act refrained from is no noun phrase of its verb", "Chile agreed that it would not support rebels in Peru.",
     ("Chile", None, "not support of rebels", False)),
    ("stopping something other than the fighting is no ceasefire", "Chile and Peru agreed to a cessation of nuclear tests.",
     ("Chile", "08", "Peru", False)),
    ("a verb's own conjunct is no second object", "Chile hosted Peru's foreign minister, Ana Cecilia Gervasi, and Bolivia "
     "criticised the visit.", ("Chile", "04", "visit", False)),
    ("have names nothing of its own", "Chile denied that its army had any role in the attack.",
     ("Chile", "01", "have of any role", False)),
    ("a participle right after a noun object says what the object does",
     "Chile vetoed a resolution in October calling for sanctions on Peru.", ("Chile", "02", "sanctions on Peru", False)),
    ("a symmetric relation turns round only between actors",
     "Chile met Peru when the summit opened and signed a deal with Bolivia.", ("Bolivia", "05", "summit", False)),
]


@pytest.mark.parametrize("rule, text, expected", FIRES, ids=[f"{r}: {t}" for r, t, _ in FIRES])
def test_rule_fires(settings, lexicon, resources, rule, text, expected):
    sts = statements(settings, lexicon, resources, text)
    assert any(matches(s, *expected) for s in sts), [(s.subject.label, s.cameo, s.object.label, s.negated) for s in sts]


@pytest.mark.parametrize("rule, text, unwanted", MUST_NOT, ids=[f"{r}: {t}" for r, t, _ in MUST_NOT])
def test_rule_must_not_fire(settings, lexicon, resources, rule, text, unwanted):
    sts = statements(settings, lexicon, resources, text)
    assert not any(matches(s, *unwanted) for s in sts), [(s.subject.label, s.cameo, s.object.label, s.negated) for s in sts]


@pytest.mark.parametrize("text, obj, owner", [
    ("Chile supported the Peruvian proposal.", "Peruvian proposal", "Peru"),
    ("Chile rejected Bolivia's demand.", "Bolivia's demand", "Bolivia"),
    ("Chile backed a ceasefire announced by Peru.", "ceasefire", "Peru"),
])
def test_a_non_actor_object_keeps_its_owner(settings, lexicon, resources, text, obj, owner):
    (s,) = [s for s in statements(settings, lexicon, resources, text) if s.subject.label == "Chile"]
    assert (s.object.label, s.object.is_actor, s.object.owner.label) == (obj, False, owner)


def test_an_object_without_an_owner_has_none(settings, lexicon, resources):
    (s,) = statements(settings, lexicon, resources, "Chile supported the proposal.")
    assert s.object.owner is None


@pytest.mark.parametrize("text, label, kind", [
    # the tagger joins a name after "the chairman of the X Commission" to the organisation
    ("The chairman of the Andean Community Commission, Moussa Faki Mahamat, condemned Chile.", "Moussa Faki Mahamat", "Person"),
    ("The alliance, the Andean Defence Pact, condemned Chile.", None, None),
])
def test_a_titles_apposition_is_a_person(settings, lexicon, resources, text, label, kind):
    subjects = {(s.subject.label, s.subject.type) for s in statements(settings, lexicon, resources, text) if s.object.label == "Chile"}
    if label is None:
        assert not any(t == "Person" for _, t in subjects), subjects
    else:
        assert (label, kind) in subjects, subjects
