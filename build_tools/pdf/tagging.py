"""Before WeasyPrint writes the file: page furniture marked as artifacts, the contents as ``TOC``.

WeasyPrint 70 marks the text of margin boxes (running heads, page numbers) with marked-content
ids that no element of the structure tree refers to, and maps HTML to a fixed set of tags, with no
table of contents among them. PDF/UA wants furniture marked ``/Artifact`` and the contents tagged
``TOC`` and ``TOCI``. :func:`finish_tagging` is a WeasyPrint *finisher* (the public hook of
``Document.write_pdf`` that sees the PDF's objects before they are written):

- marked content whose id no element reachable from the structure tree's root refers to becomes
  ``/Artifact``;
- the one ``Art`` element (the print theme writes the contents, and nothing else, as an HTML
  ``<article>``) becomes ``TOC``, and its ``Div`` children ``TOCI``.

The objects are pydyf's: dictionaries and arrays hold other objects by reference (``b"12 0 R"``).
"""

from __future__ import annotations

from typing import Any


def finish_tagging(document: Any, pdf: Any) -> None:
    """Mark unreferenced marked content as ``/Artifact``; tag the contents ``TOC``."""

    def deref(value: Any) -> Any:
        if isinstance(value, bytes) and value.endswith(b" R"):
            return pdf.objects[int(value.split()[0])]
        return value

    root = deref(pdf.catalog.get("StructTreeRoot"))
    if root is None:
        return
    tagged: set[tuple[bytes, int]] = set()  # (page reference, MCID)

    def walk(element: Any, page: bytes | None) -> None:
        page = element.get("Pg", page)
        if element.get("S") == "/Art":
            element["S"] = "/TOC"
            for kid in map(deref, element.get("K", ())):
                if isinstance(kid, dict) and kid.get("S") == "/Div":
                    kid["S"] = "/TOCI"
        for kid in map(deref, element.get("K", ())):
            if isinstance(kid, int) and page is not None:
                tagged.add((page, kid))
            elif isinstance(kid, dict) and "MCID" in kid:
                tagged.add((kid.get("Pg", page), kid["MCID"]))
            elif isinstance(kid, dict) and kid.get("Type") != "/OBJR":
                walk(kid, page)

    walk(root, None)
    for page_reference in pdf.page_references:
        stream = deref(deref(page_reference).get("Contents"))
        operations = getattr(stream, "stream", None)
        if operations is None:
            continue
        rewritten: list[Any] = []
        for operation in operations:
            properties = rewritten[-1] if rewritten else None
            if (
                operation == b"BDC"
                and isinstance(properties, dict)
                and "MCID" in properties
                and (page_reference, properties["MCID"]) not in tagged
            ):
                rewritten[-2:] = ["/Artifact", b"BMC"]  # was: /Span <</MCID n>> BDC
                continue
            rewritten.append(operation)
        stream.stream = rewritten
