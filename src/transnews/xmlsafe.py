"""The one XML reader for user files (TMX memories, TBX terminology): safe, with line numbers.

ElementTree keeps no line numbers and expands internal entities (billion laughs),
so user files are parsed with expat directly under one strict policy:

- any ``<!ENTITY`` declaration (general or parameter, internal or external,
  parsed or unparsed) is refused where it is declared: that stops external
  entities reading local files or URLs (XXE) and expansion bombs alike;
- an entity reference the document does not define (possible when it names an
  external DTD, which is never read) is refused, not silently dropped;
- a DOCTYPE naming an external DTD (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, as
  every LISA TMX sample does) is accepted: the DTD is never fetched, and a
  reference to it expands nothing.

Every refusal is one line carrying file:line, raised as the caller's error class
(``CatalogError`` for TMX, ``GlossaryError`` for TBX) so each command keeps its exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from .errors import TransnewsError

XML_NS = "http://www.w3.org/XML/1998/namespace"
ENTITIES_REFUSED = ("XML entity declarations are not allowed (<!ENTITY> in the DOCTYPE): "
                    "entities could read local files or expand without bound")


@dataclass
class Node:
    ns: str  # namespace URI ("" without namespaces)
    tag: str  # local name
    attrs: dict[str, str]  # local names; xml:lang as "xml:lang"; other namespaced as "{ns}name"
    line: int
    children: list["Node"] = field(default_factory=list)
    # Character data and child elements in document order (children is the elements only);
    # adjacent character data is one string.
    content: list["Node | str"] = field(default_factory=list, repr=False)

    @property
    def own_text(self) -> str:
        """Character data directly inside this element."""
        return "".join(p for p in self.content if isinstance(p, str))

    def text(self) -> str:
        """All character data inside this element, nested elements included, as written."""
        return "".join(p if isinstance(p, str) else p.text() for p in self.content)

    def all_text(self) -> str:
        """Text content including inline markup (<hi>, <ph> …), whitespace collapsed."""
        return " ".join(self.text().split())

    def find_all(self, tag: str) -> list["Node"]:
        return [c for c in self.children if c.tag == tag]


class _Refused(Exception):
    pass


def _refuse_entities(*_args) -> None:
    raise _Refused(ENTITIES_REFUSED)


def _undefined_entity(name: str, _is_param: bool) -> None:
    raise _Refused(f"undefined entity &{name}; (external DTDs are never read, so it cannot be expanded)")


class _Builder:
    """expat callbacks building the Node tree."""

    def __init__(self, parser, namespaces: bool) -> None:
        self.parser, self.namespaces = parser, namespaces
        self.stack: list[Node] = []
        self.root: Node | None = None

    def _name(self, name: str) -> tuple[str, str]:
        if not self.namespaces:
            return "", name
        ns, _, local = name.rpartition(" ")
        return ns, local

    def start(self, name: str, attrs: dict[str, str]) -> None:
        ns, local = self._name(name)
        clean = {}
        for k, v in attrs.items():
            ans, alocal = self._name(k)
            clean["xml:" + alocal if ans == XML_NS else (f"{{{ans}}}{alocal}" if ans else alocal)] = v
        node = Node(ns=ns, tag=local, attrs=clean, line=self.parser.CurrentLineNumber)
        if self.stack:
            self.stack[-1].children.append(node)
            self.stack[-1].content.append(node)
        elif self.root is None:
            self.root = node
        self.stack.append(node)

    def end(self, _name: str) -> None:
        self.stack.pop()

    def chars(self, data: str) -> None:
        if not self.stack:
            return
        content = self.stack[-1].content
        if content and isinstance(content[-1], str):
            content[-1] += data
        else:
            content.append(data)


def _parser(namespaces: bool) -> tuple[object, _Builder]:
    parser = expat.ParserCreate(namespace_separator=" " if namespaces else None)
    # Never read an external DTD or parameter entity: nothing outside the file is fetched.
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    build = _Builder(parser, namespaces)
    parser.EntityDeclHandler = _refuse_entities
    parser.UnparsedEntityDeclHandler = _refuse_entities
    parser.ExternalEntityRefHandler = _refuse_entities
    parser.SkippedEntityHandler = _undefined_entity
    parser.StartElementHandler = build.start
    parser.EndElementHandler = build.end
    parser.CharacterDataHandler = build.chars
    parser.buffer_text = True
    return parser, build


def parse_xml_bytes(data: bytes, path: str | Path, *, error: type[TransnewsError], what: str = "XML",
                    namespaces: bool = True) -> Node:
    """Parse ``data`` (any BOM/encoding expat knows) from ``path`` under the strict policy;
    ``error`` (with file:line) on any XML problem. ``what`` names the format in messages."""
    parser, build = _parser(namespaces)
    try:
        parser.Parse(data, True)
    except _Refused as err:
        raise error(str(err), path=path, line=parser.CurrentLineNumber) from None
    except expat.ExpatError as err:
        raise error(f"not well-formed {what}: {expat.ErrorString(err.code)}", path=path,
                    line=err.lineno) from None
    except (LookupError, ValueError) as err:  # an encoding declaration expat does not know
        raise error(f"cannot decode {what}: {err}", path=path, line=1) from None
    if build.root is None:
        raise error(f"empty {what} document", path=path, line=1)
    return build.root


def parse_xml(path: str | Path, *, error: type[TransnewsError], what: str = "XML",
              namespaces: bool = True) -> Node:
    """Read and parse the file ``path``; see :func:`parse_xml_bytes`."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise error(f"cannot read file: {err.strerror}", path=path) from None
    return parse_xml_bytes(data, path, error=error, what=what, namespaces=namespaces)
