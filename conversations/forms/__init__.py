"""One module per report section; `registry` gathers and checks them."""
