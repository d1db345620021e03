"""redcard: know-your-rights red cards as print-ready PDF sheets."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("redcard")
except PackageNotFoundError:  # running from a source checkout without installing
    __version__ = "0.1.0"
