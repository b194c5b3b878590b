"""Publishing: finished results → data files and site pages. Renderers only."""
