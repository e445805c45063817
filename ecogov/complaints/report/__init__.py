"""The monthly complaint report (月报): the figures (``selectors``), hotspots on a
hexagonal grid (``hexgrid``, pure), the Word document (``docx``) and the page."""
