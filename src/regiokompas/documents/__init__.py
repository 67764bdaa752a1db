"""Council documents without Django: the neutral document model, renderers (docx, pdf, html,
markdown), parsers (txt, docx, pdf) and recognisers for header fields, sections, Dutch dates,
municipality names and decisions."""
