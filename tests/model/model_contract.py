"""The contract the issue fixes: the sections every agreement must have."""

MANDATORY = [
    "parter",
    "syfte",
    "mål",
    "målgrupp",
    "insatser",
    "styrgrupp",
    "ekonomi",
    "tidsram",
    "uppföljning",
    "omförhandling",
    "underskrifter",
]
