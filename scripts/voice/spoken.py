"""Caption text to spoken text: the one pronunciation table of the lecture's voice.

Captions show symbols and digits (``σ(z) = 0.99``, ``W⁽²⁾``, ``2-4-1``); a voice must hear words
("sigma of z is zero point nine nine"). Numbers keep exactly the decimals shown. ``=`` is always
said "is". Integers are turned into words here (a dozen lines) rather than with num2words, whose
British "and" and commas ("one hundred and sixty") would need undoing anyway.
"""

from __future__ import annotations

import re

ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALES = ((10 ** 12, "trillion"), (10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand"))
ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
           "nine": "ninth", "twelve": "twelfth"}

# Letters and signs a voice would otherwise spell out or skip, with their spoken words.
SYMBOLS = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "Δ": "delta", "ε": "epsilon",
    "η": "eta", "θ": "theta", "λ": "lambda", "μ": "mu", "π": "pi", "σ": "sigma", "Σ": "sum",
    "∑": "sum", "∂": "partial", "ŷ": "y hat", "∇": "gradient of", "∞": "infinity",
    "=": "is", "≈": "is about", "≠": "is not", "≤": "is at most", "≥": "is at least",
    "<": "is less than", ">": "is greater than", "→": "to", "←": "becomes", "×": "times",
    "·": "times", "⋅": "times", "*": "times", "+": "plus", "±": "plus or minus", "/": "over",
    "%": "percent", "&": "and", "^": "to the power", "−": "minus", " - ": "minus", "–": "to",
    "—": ",", "…": ".", "“": "", "”": "", '"': "",
}
# Words a voice would read letter by letter or mispronounce: said as words.
WORDS = {"ReLU": "ray-loo", "ReLUs": "ray-loos", "tanh": "tanch", "e.g.": "for example",
         "i.e.": "that is", "etc.": "et cetera", "vs.": "versus"}
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁻", "0123456789()-")
SUBSCRIPT = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
POWER = {"2": "squared", "3": "cubed"}

FUNCTION_CALL = re.compile(r"(?<![\w'])([A-Za-zα-ωΑ-Ω])('?)\(([^()]*)\)")
PRIME = re.compile(r"(?<![\w'])([A-Za-z])'(?![\w])")
LAYER_SUPERSCRIPT = re.compile(r"⁽([⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾")
POWER_SUPERSCRIPT = re.compile(r"([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
SUBSCRIPTS = re.compile(r"[₀₁₂₃₄₅₆₇₈₉]+")
SIZES = re.compile(r"(?<![\w.])\d+(?:-\d+)+(?![\w.])")
SCIENTIFIC = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)e([+-]?)0*(\d+)(?![\w])")
THOUSANDS = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\d])")
NEGATIVE = re.compile(r"(?<![\w)])[−-](?=\.?\d)")
ORDINAL_NUMBER = re.compile(r"(?<![\w.])(\d+)(?:st|nd|rd|th)\b")
NUMBER = re.compile(r"(?<![\w])(\d+)(?:\.(\d+))?")
LETTER_DIGITS = re.compile(r"\b([A-Za-z])(\d+)\b")
DIGIT_LETTER = re.compile(r"(\d)(?=[A-Za-z])")
NUMBER_PAREN = re.compile(r"\(([−-]?\d[\d.,]*)\)")
ASIDE = re.compile(r"\s*\(([^()]*)\)")
SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:!?])")
SENTENCE_START = re.compile(r"(?:^|(?<=[.!?] ))[a-z]")   # voices end a sentence only before a capital
ALLOWED = re.compile(r"[A-Za-z ,.;:'?!-]")


def integer_words(n: int) -> str:
    """An integer as words: 160 -> 'one hundred sixty', 86 -> 'eighty-six'."""
    if n < 0:
        return "minus " + integer_words(-n)
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = f" {integer_words(n % 100)}" if n % 100 else ""
        return f"{ONES[n // 100]} hundred{rest}"
    for size, name in SCALES:
        if n >= size:
            rest = f" {integer_words(n % size)}" if n % size else ""
            return f"{integer_words(n // size)} {name}{rest}"
    raise AssertionError("unreachable")


def ordinal_words(n: int) -> str:
    """3 -> 'third', 20 -> 'twentieth', 21 -> 'twenty-first'."""
    words = integer_words(n)
    head, sep, last = words.rpartition(" " if "-" not in words.split(" ")[-1] else "-")
    if last in ORDINAL:
        last = ORDINAL[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def number_words(whole: str, decimals: str | None) -> str:
    """'97', '5' -> 'ninety-seven point five': every decimal shown is said, digit by digit."""
    words = integer_words(int(whole))
    if decimals:
        words += " point " + " ".join(ONES[int(d)] for d in decimals)
    return words


def digits_words(digits: str) -> str:
    """'21' -> 'two one': indices and network sizes are read digit group by group."""
    return " ".join(integer_words(int(d)) for d in digits)


def _superscripts(text: str) -> str:
    """W⁽²⁾ -> 'W two' (a layer index); x² -> 'x squared'; x⁻¹ -> 'x to the minus one'."""
    text = LAYER_SUPERSCRIPT.sub(lambda m: " " + integer_words(int(m[1].translate(SUPERSCRIPT))),
                                 text)

    def power(match: re.Match) -> str:
        exponent = match[1].translate(SUPERSCRIPT)
        return f" {POWER.get(exponent) or 'to the ' + exponent}"
    return POWER_SUPERSCRIPT.sub(power, text)


def _numbers(text: str) -> str:
    """Digits to words: sizes, scientific notation, thousands, ordinals, signs and decimals."""
    text = SIZES.sub(lambda m: " ".join(integer_words(int(n)) for n in m[0].split("-")), text)
    text = SCIENTIFIC.sub(lambda m: f"{m[1]} times ten to the {'minus ' if m[2] == '-' else ''}"
                                    f"{m[3]}", text)
    text = THOUSANDS.sub(lambda m: m[0].replace(",", ""), text)
    text = NEGATIVE.sub("minus ", text)
    text = ORDINAL_NUMBER.sub(lambda m: ordinal_words(int(m[1])), text)
    text = LETTER_DIGITS.sub(lambda m: f"{m[1]} {digits_words(m[2])}", text)
    text = DIGIT_LETTER.sub(r"\1 ", text)
    return NUMBER.sub(lambda m: number_words(m[1], m[2]), text)


def _functions(text: str) -> str:
    """σ(z) -> 'σ of z', f'(x) -> 'f prime of x', (−8.91) -> −8.91; other brackets become a
    spoken aside."""
    text = FUNCTION_CALL.sub(lambda m: f"{m[1]}{' prime' if m[2] else ''} of {m[3]}", text)
    text = PRIME.sub(lambda m: f"{m[1]} prime", text)
    text = NUMBER_PAREN.sub(r"\1", text)
    return ASIDE.sub(lambda m: f", {m[1]},", text)


def spoken_form(caption: str) -> str:
    """What a voice should say for a caption: symbols, indices and numbers as words, each
    sentence starting with a capital (else Piper and espeak run two sentences into one)."""
    text = caption
    for word, said in WORDS.items():
        text = re.sub(rf"(?<![\w]){re.escape(word)}(?![\w])", said, text)
    text = _superscripts(text)
    text = SUBSCRIPTS.sub(lambda m: " " + digits_words(m[0].translate(SUBSCRIPT)), text)
    text = _functions(text)
    text = _numbers(text)
    for symbol, said in SYMBOLS.items():
        text = text.replace(symbol, f" {said} ")
    text = re.sub(r"\s+", " ", text)
    text = SPACE_BEFORE_MARK.sub(r"\1", text)
    text = re.sub(r",([,.;:!?])", r"\1", text)
    return SENTENCE_START.sub(lambda m: m[0].upper(), text.strip(" ,"))


def unspoken(text: str) -> set[str]:
    """The characters of ``text`` that a voice would spell out or skip (none in spoken text)."""
    return {char for char in text if not ALLOWED.match(char)}
