"""Vietnamese first, English second: the switcher, the cookie, and a complete English catalogue."""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def test_vietnamese_is_the_default_even_for_an_english_browser(client, officer):
    client.force_login(officer)

    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})

    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Bỏ qua đến nội dung chính" in html
    assert response["Content-Language"] == "vi"


def test_switching_to_english_shows_the_english_home(client, officer):
    client.force_login(officer)

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert f"Hello, {officer.full_name}" in html
    assert "Enforcement officer</span>" in html
    assert '<li><a href="/" aria-current="page">Home</a></li>' in html
    assert "Log out</button>" in html
    assert "Bỏ qua đến nội dung chính" not in html


def test_switching_back_to_vietnamese(client, officer):
    client.force_login(officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})

    assert '<html lang="vi">' in client.get("/").content.decode()


def test_signed_out_visitor_can_switch_the_login_page(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"}, follow=True)

    assert response.redirect_chain == [("/login/", 302)]
    html = response.content.decode()
    assert "<h1>Sign in</h1>" in html
    assert '<label for="id_username">Username<span class="required"' in html


def test_unknown_language_or_foreign_next_changes_nothing_harmful(client, db):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "https://evil.example/"})

    assert response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_language_switcher_is_a_labelled_post_form(client, officer):
    client.force_login(officer)

    html = client.get("/").content.decode()

    assert '<form class="lang-switch" method="post" action="/i18n/setlang/">' in html
    assert '<label for="language-select">Ngôn ngữ</label>' in html

    assert '<option value="vi" lang="vi" selected>Tiếng Việt</option>' in html
    assert '<option value="en" lang="en">English</option>' in html


def _po_entries() -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) of every entry but the header."""
    entries = []
    for block in PO_FILE.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        current = None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            match = re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            strs = [v for k, v in fields.items() if k.startswith("msgstr")]
            entries.append((fields["msgid"], strs, fuzzy))
    return entries


def test_every_message_has_an_english_translation():
    entries = _po_entries()

    assert len(entries) > 300
    missing = [msgid for msgid, strs, fuzzy in entries if fuzzy or not all(strs)]
    assert missing == []


def _po_unescape(text: str) -> str:
    """A PO string's value: its C escapes (\\n, \\", \\\\) resolved, as msgfmt does."""
    return ast.literal_eval(f'"{text}"')


def test_compiled_catalogue_matches_the_po_file():
    assert MO_FILE.stat().st_size > 0
    stale = []
    with translation.override("en"):
        for msgid, strs, _fuzzy in _po_entries():
            if len(strs) == 1 and translation.gettext(_po_unescape(msgid)) != _po_unescape(strs[0]):
                stale.append(msgid)
    assert stale == []
