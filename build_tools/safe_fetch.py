"""The closed world for rendering (issue 15) is the PDF builder's own fetcher; see its module.

WeasyPrint may read only ``data:`` URIs and files inside the folders it is given: the project's
sources, the print theme and the folders a caller adds (a clinic's); every other ``file:`` URL and
every network scheme is refused with a warning naming the resource.
"""

from build_tools.pdf.fetch import ClosedWorldFetcher, ResourceRefused, shown

__all__ = ["ClosedWorldFetcher", "ResourceRefused", "shown"]
