"""The public results site: pages generated at build time from the results object."""
