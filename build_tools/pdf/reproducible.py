"""The same sources and ``SOURCE_DATE_EPOCH`` give the same bytes.

WeasyPrint dates the book from the HTML's ``dcterms`` metadata (the builder writes the build date
there), but stamps a file attached with ``rel="attachment"`` (Sphinx's ``:download:``) with the
time of the build. :func:`pin_attachment_dates`, a WeasyPrint finisher, gives those the date of
``SOURCE_DATE_EPOCH`` too.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any


def source_date() -> dt.datetime | None:
    """The moment ``SOURCE_DATE_EPOCH`` names, or None when it is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)


def pin_attachment_dates(document: Any, pdf: Any, when: dt.datetime) -> None:
    """Date every embedded file ``when``."""
    import pydyf

    stamp = when.strftime("D:%Y%m%d%H%M%SZ")
    for pdf_object in pdf.objects:
        extra = getattr(pdf_object, "extra", None)
        if isinstance(extra, dict) and extra.get("Type") == "/EmbeddedFile":
            params = extra.get("Params")
            if isinstance(params, dict):
                params["CreationDate"] = pydyf.String(stamp)
                params["ModDate"] = pydyf.String(stamp)
