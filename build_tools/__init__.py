"""Build tools for the IOS Handbook: Sphinx extensions, the WeasyPrint PDF builder and its theme."""

__version__ = "0.1.0"
