"""Agreement-as-code for Swedish idéburet offentligt partnerskap (IOP)."""

__version__ = "0.2.0"
