"""wse-assistant: drafting assistant for Europa WSE calls for interest."""

__version__ = "0.1.0"
