"""A small, safe XML reader: expat with entity declarations refused, elements with line numbers.

ElementTree keeps no line numbers and expands internal entities (billion laughs);
terminology files are user input, so we parse with expat directly: any
``<!ENTITY`` declaration is rejected, external entities and DTDs are never
fetched, and every element remembers the line it starts on for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from ..errors import GlossaryError

XML_NS = "http://www.w3.org/XML/1998/namespace"


@dataclass
class Node:
    ns: str
    tag: str  # local name
    attrs: dict[str, str]  # local names; xml:lang as "xml:lang"; other namespaced as "{ns}name"
    line: int
    children: list["Node"] = field(default_factory=list)
    # Character data and child elements in document order (children is the elements only).
    content: list["Node | str"] = field(default_factory=list, repr=False)

    @property
    def own_text(self) -> str:
        """Character data directly inside this element."""
        return "".join(p for p in self.content if isinstance(p, str))

    def all_text(self) -> str:
        """Text content including inline markup (<hi>, <ph> …), whitespace collapsed."""
        out: list[str] = []

        def walk(n: Node) -> None:
            for part in n.content:
                if isinstance(part, str):
                    out.append(part)
                else:
                    walk(part)

        walk(self)
        return " ".join("".join(out).split())


class _Refused(Exception):
    pass


def parse_xml(path: Path) -> Node:
    """Parse ``path`` safely; GlossaryError with file:line on any XML problem."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GlossaryError(f"cannot read file: {err.strerror}", path=path) from None
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Node] = []
    root: list[Node] = []

    def refuse(*_args):
        raise _Refused("entity declarations are not allowed (DOCTYPE with <!ENTITY>)")

    def skipped(name, is_param):
        raise _Refused(f"undefined entity &{name};")

    def start(name, attrs):
        ns, _, local = name.rpartition(" ")
        clean = {}
        for k, v in attrs.items():
            ans, _, alocal = k.rpartition(" ")
            clean["xml:" + alocal if ans == XML_NS else (f"{{{ans}}}{alocal}" if ans else alocal)] = v
        node = Node(ns=ns, tag=local, attrs=clean, line=parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(node)
            stack[-1].content.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(name):
        stack.pop()

    def chars(data):
        if stack:
            stack[-1].content.append(data)

    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = lambda *a: refuse()
    parser.SkippedEntityHandler = skipped
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except _Refused as err:
        raise GlossaryError(str(err), path=path, line=parser.CurrentLineNumber) from None
    except expat.ExpatError as err:
        raise GlossaryError(f"not well-formed XML: {expat.ErrorString(err.code)}",
                            path=path, line=err.lineno) from None
    if not root:
        raise GlossaryError("empty XML document", path=path, line=1)
    return root[0]
