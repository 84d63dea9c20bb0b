"""Channel adapters: they translate between a platform and `Message`/`Reply`, nothing more."""
