"""transnews: offline news translation with an enforced glossary and gettext review round trips."""

# The one place the version is written: hatch reads it for the package metadata
# (pyproject.toml [tool.hatch.version]); catalogs' X-Generator and TMX exports derive from it.
__version__ = "0.1.0"
