"""The ``iop`` subcommands, one module each; each is imported only when it runs."""
