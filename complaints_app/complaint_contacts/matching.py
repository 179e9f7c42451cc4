"""Is this the same person? Contact details normalised for matching, in plain Python (no frappe import).

People write the same details in many ways: " Alex.Resident@Example.com", "+44 (0)7700 900-123",
"sw1a1aa" at the end of an address. Each detail is reduced to a key, and two records are the
same person when they share an email key, or a phone key, or both a name key and a postcode key.
A name alone never matches: two people can share one.

* **Email**: trimmed, lower-cased, with every space inside removed; "" unless it has one "@" with
  text either side.
* **Phone**: the first number given ("07700 900123 or 0191 496 0000"), without an extension, as
  digits; a UK number written internationally (+44, 0044 or 44, with or without the "(0)"), or
  as its 10 digits without the leading 0, becomes its national form, so "+44 7700 900123" and
  "7700 900123" are "07700900123". Other international numbers keep a leading "+". "" for fewer
  than 7 digits or more than 15.
* **Postcode**: a UK postcode, upper-case, with one space before the inward code ("SW1A 1AA"),
  found anywhere in an address (the last one when there are several).
* **Name**: accents, case, punctuation and titles (Mr, Mrs, Dr, ...) ignored; apostrophes dropped
  ("O'Brien" is "obrien"), other punctuation splits words ("Smith-Jones" is "smith jones").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

EMAIL, PHONE, NAME_AND_POSTCODE = "email", "phone", "name and postcode"

_SPACE = re.compile(r"\s+")
_NON_DIGIT = re.compile(r"\D")
_ANOTHER_NUMBER = re.compile(r"[/,;]|\bor\b|\band\b", re.IGNORECASE)
_EXTENSION = re.compile(r"\s*(?:ext(?:ension)?\.?|x)\s*\d{1,6}\s*$", re.IGNORECASE)
# Outward code (A9, A99, A9A, AA9, AA99, AA9A), then the inward code (9AA, never C, I, K, M, O or V);
# not inside a longer word.
_POSTCODE = re.compile(
	r"(?<![A-Z0-9])([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][ABD-HJLNP-UW-Z]{2})(?![A-Z0-9])", re.IGNORECASE
)
_GIRO = re.compile(r"(?<![A-Z0-9])GIR\s*0AA(?![A-Z0-9])", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['\u2018\u2019`\u00b4]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
TITLES = frozenset(
	{"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "revd", "sir", "dame", "lady", "lord"}
)
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 7, 15


def normalise_email(value: str | None) -> str:
	"""The email as a key: trimmed, lower-case, no spaces inside; "" if it is not an address."""
	key = _SPACE.sub("", value or "").lower()
	if key.startswith("mailto:"):
		key = key[len("mailto:") :]
	local, at, domain = key.partition("@")
	if not (local and at and domain) or "@" in domain:
		return ""
	return key


def normalise_phone(value: str | None) -> str:
	"""The phone number as a key: UK numbers in national form (0...), others as +digits."""
	first = next((part for part in _ANOTHER_NUMBER.split(value or "") if _NON_DIGIT.sub("", part)), "")
	text = _EXTENSION.sub("", first.strip())
	digits = _NON_DIGIT.sub("", text)
	international = text.startswith("+") or digits.startswith("00")
	if digits.startswith("00"):
		digits = digits[2:]
	if digits.startswith("44") and (international or len(digits) in (11, 12)):
		national = digits[2:]
		digits = national if national.startswith("0") else "0" + national
	elif international:
		digits = "+" + digits
	elif len(digits) == 10 and not digits.startswith("0"):
		digits = "0" + digits
	count = len(digits.lstrip("+"))
	if not MIN_PHONE_DIGITS <= count <= MAX_PHONE_DIGITS:
		return ""
	return digits


def normalise_postcode(value: str | None) -> str:
	"""A UK postcode as "SW1A 1AA" when ``value`` is one (spacing and case aside); else ""."""
	text = (value or "").strip()
	found = _POSTCODE.fullmatch(text) or _GIRO.fullmatch(text)
	return _format_postcode(found) if found else ""


def extract_postcode(text: str | None) -> str:
	"""The UK postcode in an address, normalised; the last one if there are several; else ""."""
	found = list(_POSTCODE.finditer(text or "")) + list(_GIRO.finditer(text or ""))
	if not found:
		return ""
	return _format_postcode(max(found, key=lambda m: m.start()))


def _format_postcode(found: re.Match) -> str:
	compact = _SPACE.sub("", found.group(0)).upper()
	return f"{compact[:-3]} {compact[-3:]}"


def normalise_name(value: str | None) -> str:
	"""The name as a key: no accents, case, punctuation or leading titles."""
	decomposed = unicodedata.normalize("NFKD", value or "")
	plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
	words = _NOT_WORD.sub(" ", _APOSTROPHES.sub("", plain)).split()
	while len(words) > 1 and words[0] in TITLES:
		words.pop(0)
	return " ".join(words)


@dataclass(frozen=True)
class PersonKeys:
	"""One person's contact details as keys ("" where a detail is missing or unusable)."""

	email: str = ""
	phone: str = ""
	name: str = ""
	postcode: str = ""

	@classmethod
	def of(
		cls,
		name: str | None = None,
		email: str | None = None,
		phone: str | None = None,
		address: str | None = None,
		postcode: str | None = None,
	) -> PersonKeys:
		"""Keys from raw details; the postcode from ``postcode`` if given, else found in ``address``."""
		return cls(
			email=normalise_email(email),
			phone=normalise_phone(phone),
			name=normalise_name(name),
			postcode=normalise_postcode(postcode) if postcode else extract_postcode(address),
		)

	@property
	def name_and_postcode(self) -> bool:
		return bool(self.name and self.postcode)

	def is_empty(self) -> bool:
		"""Nothing to match on: no email, no phone, and not both a name and a postcode."""
		return not (self.email or self.phone or self.name_and_postcode)


def match_reasons(a: PersonKeys, b: PersonKeys) -> tuple[str, ...]:
	"""How ``a`` and ``b`` are the same person (email, phone, name and postcode); () if they are not."""
	reasons = []
	if a.email and a.email == b.email:
		reasons.append(EMAIL)
	if a.phone and a.phone == b.phone:
		reasons.append(PHONE)
	if a.name_and_postcode and (a.name, a.postcode) == (b.name, b.postcode):
		reasons.append(NAME_AND_POSTCODE)
	return tuple(reasons)


def same_person(a: PersonKeys, b: PersonKeys) -> bool:
	return bool(match_reasons(a, b))


def phone_tail(key: str, digits: int = 9) -> str:
	"""The last digits of a phone key: the same whichever way the number was written."""
	return key.lstrip("+")[-digits:]
