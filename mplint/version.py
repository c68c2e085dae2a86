"""mplint's version, in a module of its own: every layer may name it, and the package's
__init__ (the public API, which imports the top layers on first use) re-exports it."""

__version__ = "0.1.0"
