"""House style of generated documents per municipality or organisation: name, colour, logo, address
block and footer, set by the beheerder on the set-up pages and applied by the document renderers."""
