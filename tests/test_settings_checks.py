"""The system checks of ``thads.checks`` warn about each missing tool and refuse demo secrets."""

import pytest

from thads import checks

TESSERACT_LANGS = 'List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):\n'


@pytest.fixture
def machine(monkeypatch):
    """A fake machine: which programs exist and what tesseract and fc-list print."""
    state = {
        "programs": {"tesseract", "pdftoppm", "fc-list", "chromium"},
        "langs": TESSERACT_LANGS + "eng\nosd\nvie\n",
        "fonts": "Noto Sans\nLiberation Sans\nDejaVu Sans,DejaVu Sans Condensed\n",
    }

    def which(name):
        return f"/usr/bin/{name}" if name in state["programs"] else None

    def run(*args):
        return {"tesseract": state["langs"], "fc-list": state["fonts"]}[args[0]]

    monkeypatch.setattr(checks.shutil, "which", which)
    monkeypatch.setattr(checks, "_run", run)
    return state


def ids(messages):
    return [message.id for message in messages]


def test_a_complete_machine_has_no_warning(machine):
    assert checks.check_runtime_tools() == []


def test_missing_tesseract(machine):
    machine["programs"].discard("tesseract")

    messages = checks.check_runtime_tools()

    assert ids(messages) == ["thads.W001"]
    assert messages[0].msg == (
        "Không tìm thấy chương trình tesseract: không thể nhận dạng chữ (OCR) bản scan."
    )
    assert messages[0].hint == (
        "Chạy `make run` với quyền root, hoặc: apt-get install tesseract-ocr tesseract-ocr-vie"
    )


def test_tesseract_without_vietnamese(machine):
    machine["langs"] = TESSERACT_LANGS + "eng\nosd\n"

    assert ids(checks.check_runtime_tools()) == ["thads.W002"]


def test_missing_poppler(machine):
    machine["programs"].discard("pdftoppm")

    assert ids(checks.check_runtime_tools()) == ["thads.W003"]


def test_fonts_without_vietnamese_glyphs(machine):
    machine["fonts"] = "DejaVu Sans\nNoto Sans\n"

    messages = checks.check_runtime_tools()

    assert ids(messages) == ["thads.W004"]
    assert messages[0].msg == "Thiếu phông chữ có đủ dấu tiếng Việt: Liberation Sans."


def test_no_fontconfig_means_no_fonts(machine):
    machine["programs"].discard("fc-list")

    messages = checks.check_runtime_tools()

    assert ids(messages) == ["thads.W004"]
    assert messages[0].msg == ("Thiếu phông chữ có đủ dấu tiếng Việt: Noto Sans, Liberation Sans.")


def test_missing_chromium(machine):
    machine["programs"].discard("chromium")

    assert ids(checks.check_runtime_tools()) == ["thads.W005"]


def test_chromium_under_another_name(machine):
    machine["programs"].discard("chromium")
    machine["programs"].add("chromium-browser")

    assert checks.check_runtime_tools() == []


def test_configured_chromium_path_is_used(machine, settings):
    settings.THADS_CHROMIUM_PATH = "/opt/chrome/chrome"

    assert ids(checks.check_runtime_tools()) == ["thads.W005"]


def test_an_empty_machine_gets_every_warning(machine):
    machine["programs"].clear()

    assert ids(checks.check_runtime_tools()) == [
        "thads.W001",
        "thads.W003",
        "thads.W004",
        "thads.W005",
    ]


def test_production_settings_pass(settings):
    settings.SECRET_KEY = "k" * 10 + "a-real-random-secret-key-that-is-long-enough-0123456789"
    settings.DEBUG = False

    assert checks.check_production_settings() == []


def test_demo_secret_key_is_an_error(settings):
    settings.SECRET_KEY = checks.DEMO_SECRET_KEY_PREFIX + "-change-me"
    settings.DEBUG = False

    messages = checks.check_production_settings()

    assert ids(messages) == ["thads.E001"]
    assert messages[0].is_serious()


def test_debug_is_an_error_in_deploy(settings):
    settings.SECRET_KEY = "k" * 60
    settings.DEBUG = True

    assert ids(checks.check_production_settings()) == ["thads.E002"]
