"""Version of the rights-engine distribution."""

__version__ = "0.1.0"
