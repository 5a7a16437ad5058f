"""Text normalisation shared by indexing and querying, so both sides always agree.

Citizens type without accents and in any case ("tramite", "ACTA"), and in the plural
("licencias"); sheets are written with accents and in the singular. Every word is case-folded,
stripped of its accents, and reduced to its Snowball stem in the row's language.
"""

import functools
import re
import threading
import unicodedata

import snowballstemmer

SPANISH = "es-mx"
ENGLISH = "en"
STEMMERS = {SPANISH: "spanish", ENGLISH: "english"}

# Words too common to tell sheets apart; dropped on both sides so that "acta nacimiento" and
# "acta de nacimiento" are the same query.
STOPWORDS = {
    SPANISH: frozenset({
        "a", "al", "ante", "con", "de", "del", "e", "el", "en", "es", "la", "las", "le", "les", "lo",
        "los", "mi", "mis", "o", "para", "por", "que", "se", "su", "sus", "un", "una", "unas", "uno",
        "unos", "y", "u", "ni", "como", "mas",
    }),
    ENGLISH: frozenset({
        "a", "an", "and", "are", "as", "at", "be", "by", "do", "for", "from", "how", "i", "in", "is",
        "it", "my", "of", "on", "or", "the", "to", "with", "your",
    }),
}

_WORD = re.compile(r"[^\W_]+")
_local = threading.local()


def language_key(language: str | None) -> str:
    """The index language for a Django language code: English rows for "en*", Spanish otherwise."""
    return ENGLISH if (language or "").lower().startswith("en") else SPANISH


def normalise(text: str) -> str:
    """Case-folded, without accents (ñ becomes n, as people type it on foreign keyboards)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str, language: str) -> list[str]:
    """The normalised words of `text`, stopwords left out, in order.

    Normalisation works character by character and whitespace always separates words, so the
    text is split on whitespace first and each piece is normalised once per process (a cache):
    the same few thousand pieces make up most of a catalog, and indexing 100,000 sheets would
    otherwise spend most of its time decomposing the same accents again.
    """
    if not text:
        return []
    return [word for piece in text.split() for word in _piece_words(piece, language)]


@functools.lru_cache(maxsize=200_000)
def _piece_words(piece: str, language: str) -> tuple[str, ...]:
    stop = STOPWORDS[language]
    return tuple(word for word in _WORD.findall(normalise(piece)) if word not in stop)


def _stemmer(language: str):
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(STEMMERS[language])
    return stemmers[language]


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


def stems(text: str, language: str) -> list[str]:
    """The stems of `text`'s words, in order (what the SQLite index stores and matches)."""
    return [stem(word, language) for word in words(text, language)]


def stemmed_text(text: str, language: str) -> str:
    return " ".join(stems(text, language))
