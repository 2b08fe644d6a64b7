"""Word lists the anonymisation check leans on, so common words are not taken for names or places."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Name parts that are also everyday English words: matched only when written with a capital letter
# ("Will" the child, not "will" the verb). Lower-case, for lookup.
COMMON_WORD_NAMES = _words("""
a an and april art august autumn bill bob brook brooke brown buck bud carol cash chance chase chip clay
cliff colt crystal daisy dale dawn dean dell destiny dolly dot drew eve faith fern field fisher ford frank
gay gem gene ginger glen glory golden grace grant gray green grey guy hale hall harmony hazel heath heather
hill holly honey hope hunter iris ivy jack jade jay jewel joy june king lane lark laurel lee lily long
major mark marsh mason may meadow mercy miles miller millie moon moss neil nick noble north oak pat patience
pearl penny pepper poppy price prince read reed rich river robin rock rose ross rowan ruby rush sage
saint scott shadow sky skye sonny sparrow spring star stone storm summer sunny sweet taylor terry tiger
victor violet walker ward wells west white will willow win winter wood woods wren young
""")

# Words that never count as a name part on their own, whatever the form says.
NAME_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "master", "baby", "sir", "dame", "rev", "prof"})

# Words in front of a place's suffix that do not name a particular place ("the Family Court", "a Primary School").
GENERIC_PLACE_WORDS = _words("""
a an the this that these those their his her its our your my each every both either neither any some
in at on from to by for of with into after before during while when where whilst until since as
primary secondary high special infant infants junior juniors nursery community independent grammar free
state faith local village city town county district general family crown magistrates magistrates' youth
coroner's coroners court children's childrens adult adults mental health new old
secure residential maternity emergency accident paediatric pediatric teaching university
school schools academy college hospital
""")

# Suffixes that make a capitalised phrase a named street, building or institution.
STREET_SUFFIXES = ("Street", "Road", "Avenue", "Lane", "Close", "Crescent", "Drive", "Terrace", "Gardens",
                   "Grove", "Square", "Mews", "Way", "Court", "Place", "Row", "Walk", "Rise", "Hill", "Parade")
INSTITUTION_SUFFIXES = ("Hospital", "Infirmary", "School", "Academy", "College", "Nursery", "Surgery",
                        "Medical Centre", "Health Centre", "Children's Centre", "Family Centre")

# Words of a school's name that say what it is rather than which it is.
SCHOOL_WORDS = _words("""
school academy primary secondary infant infants junior juniors nursery college high community free
church england ce c of e rc catholic roman voluntary aided controlled federation trust the and
""")

# Words of an ethnicity, disability or faith that are too common to point at this case on their own.
GENERIC_CHARACTERISTIC_WORDS = _words("""
mixed white black asian british other background any and with or of the a an no none not known unknown
disability disabled needs need special educational child children difficulties difficulty condition
""")

STREET_WORDS = frozenset(word.casefold() for word in STREET_SUFFIXES) | {"st", "rd", "ave", "ln", "cl", "dr"}
