"""Guided conversations: report sections as data and the engine that walks people through them."""
