"""One module per API category; every function takes the Client first."""
