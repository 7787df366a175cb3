"""Atomic writes for the project's own tools: the PDF builder's module (one implementation)."""

from build_tools.pdf.atomic import (
    OutputError,
    atomic_output,
    is_stale_temporary,
    remove_stale_temporaries,
    temporary_prefix,
    write_bytes_atomic,
    write_text_atomic,
)

__all__ = [
    "OutputError",
    "atomic_output",
    "is_stale_temporary",
    "remove_stale_temporaries",
    "temporary_prefix",
    "write_bytes_atomic",
    "write_text_atomic",
]
