"""Digital signing of signing copies (PAdES with pyHanko) and verification.

- :mod:`iop.signing.sign` fills a party's empty signature field from a PKCS#12 file;
- :mod:`iop.signing.verify` checks every signature and, optionally, the source YAML;
- :mod:`iop.signing.report` turns a verification into text or JSON.

Heavy imports (pyHanko, cryptography) happen inside these modules, never here.
"""
