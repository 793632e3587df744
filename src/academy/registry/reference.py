"""Reference lists that the rules of the call rest on."""

EU_MEMBER_STATES = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
]

# Countries associated to the COSME strand of the Single Market Programme, as in the 2022 call.
COSME_ASSOCIATED_2022 = ["IS", "AL", "BA", "XK", "ME", "MK", "RS", "TR", "AM", "MD", "UA"]
