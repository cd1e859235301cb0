"""A small Rust tokenizer for the lint scripts (check-imports, check-words).

Enough of Rust's lexical grammar to tell code from comments and text: line, block
(nested) and doc comments are dropped; string literals ("…", b"…", c"…", raw r"…",
r#"…"#, br"…") become one token with their text decoded; char literals ('x', '\n',
'"') are told from lifetimes and labels ('a, 'static); raw identifiers (r#type) stay
identifiers. Punctuation is one character, except the operators that would otherwise
be misread: `::`, `->`, `=>`, `==`, `!=`, `<=`, `>=`, `&&`, `||`, `..`, `...`, `..=`.
Not a parser: macros, generics and expressions are left to the scripts.
"""
import re
from typing import NamedTuple


class Token(NamedTuple):
    kind: str  # ident, lifetime, str, char, num, punct
    text: str  # as written (for str: the decoded text)
    line: int


_SPACE = re.compile(r"\s+")
_RAW_STR = re.compile(r'(?:[bc]?r)(#*)"')
_STR = re.compile(r'[bc]?"')
_RAW_IDENT = re.compile(r"r#[^\W\d]\w*")
_IDENT = re.compile(r"[^\W\d]\w*")
_NUMBER = re.compile(r"\d[\w]*(?:\.(?![.\w])|\.\d[\w]*)?")
_CHAR = re.compile(r"b?'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F_]{1,8}\}|.)|[^\\'\n])'")
_LIFETIME = re.compile(r"'[^\W\d]\w*")
_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F_]{1,8})\}|\n\s*|(.))", re.S)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "\\": "\\", "'": "'", '"': '"'}
_OPERATORS = ["...", "..=", "::", "->", "=>", "==", "!=", "<=", ">=", "&&", "||", ".."]


def _decode(body):
    def replace(m):
        if m.group(1):
            return chr(int(m.group(1), 16))
        if m.group(2):
            return chr(int(m.group(2).replace("_", ""), 16))
        if m.group(3) is None:  # backslash at the end of a line: the line goes on
            return ""
        return _SIMPLE.get(m.group(3), m.group(3))

    return _ESCAPE.sub(replace, body)


def tokenize(source):
    """The tokens of `source`, a list of Token. Never fails: anything it does not
    know becomes one-character punctuation, an unclosed string or comment runs to the end."""
    tokens = []
    pos, line, end = 0, 1, len(source)
    while pos < end:
        c = source[pos]
        start_line = line
        m = _SPACE.match(source, pos)
        if m:
            line += m.group().count("\n")
            pos = m.end()
            continue
        if source.startswith("//", pos):
            newline = source.find("\n", pos)
            pos = end if newline < 0 else newline
            continue
        if source.startswith("/*", pos):
            depth, i = 1, pos + 2
            while i < end and depth:
                if source.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif source.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
            line += source.count("\n", pos, i)
            pos = i
            continue
        m = _RAW_STR.match(source, pos)
        if m:
            close = '"' + m.group(1)
            stop = source.find(close, m.end())
            stop = end if stop < 0 else stop
            tokens.append(Token("str", source[m.end():stop], start_line))
            line += source.count("\n", pos, stop)
            pos = min(end, stop + len(close))
            continue
        m = _STR.match(source, pos)
        if m:
            i = m.end()
            while i < end and source[i] != '"':
                i += 2 if source[i] == "\\" else 1
            tokens.append(Token("str", _decode(source[m.end():min(i, end)]), start_line))
            line += source.count("\n", pos, i)
            pos = i + 1
            continue
        m = _CHAR.match(source, pos)
        if m:
            tokens.append(Token("char", m.group(), start_line))
            pos = m.end()
            continue
        m = _LIFETIME.match(source, pos)
        if m:
            tokens.append(Token("lifetime", m.group(), start_line))
            pos = m.end()
            continue
        m = _RAW_IDENT.match(source, pos) or _IDENT.match(source, pos)
        if m:
            tokens.append(Token("ident", m.group(), start_line))
            pos = m.end()
            continue
        m = _NUMBER.match(source, pos)
        if m:
            tokens.append(Token("num", m.group(), start_line))
            pos = m.end()
            continue
        for op in _OPERATORS:
            if source.startswith(op, pos):
                tokens.append(Token("punct", op, start_line))
                pos += len(op)
                break
        else:
            tokens.append(Token("punct", c, start_line))
            pos += 1
    return tokens


def matching(tokens):
    """For each opening (, [ or { the index of its closing partner, and back; -1 when
    unbalanced."""
    partner = [-1] * len(tokens)
    stack = []
    pairs = {")": "(", "]": "[", "}": "{"}
    for i, t in enumerate(tokens):
        if t.kind != "punct":
            continue
        if t.text in "([{":
            stack.append(i)
        elif t.text in pairs:
            while stack and tokens[stack[-1]].text != pairs[t.text]:
                stack.pop()  # an unclosed opener: give up on it
            if stack:
                j = stack.pop()
                partner[i], partner[j] = j, i
    return partner
