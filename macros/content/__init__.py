"""Load and check everything in content/, once, into typed records.

``load_content(folder)`` is the only way in. It reads every file, validates each against its
record type, checks references between files, and either returns ``LoadedContent`` (the records
plus warnings) or raises ``ContentErrors`` listing every problem in every file. It knows nothing
about MkDocs, so it can be used by any site builder or checker.

The pipeline is in load.py; the files of each layer and reading them in files.py; pydantic's
errors as messages in messages.py; the checks between files in checks/; warnings in warnings.py.
"""

from .load import load_content
from .model import Content, LoadedContent

__all__ = ["Content", "LoadedContent", "load_content"]
