"""oerkit: publish a curriculum from YAML and Markdown as a multilingual site and learning packages."""

__version__ = "0.1.0"
