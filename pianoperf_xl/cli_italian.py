"""Italian for the messages Click itself prints (usage errors, help headings).

Click marks its messages for gettext but ships no Italian catalogue. Each Click module
binds ``_``/``ngettext`` from the stdlib at import, so installing our lookup there makes
every message a user can meet Italian; a message not listed stays as Click wrote it.
"""

from __future__ import annotations

import importlib

CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui",
                 "types", "utils")

MESSAGES = {
    "Usage:": "Uso:",
    "Options": "Opzioni",
    "Commands": "Comandi",
    "Show this message and exit.": "Mostra questo aiuto ed esce.",
    "Show the version and exit.": "Mostra la versione ed esce.",
    "Error: {message}": "Errore: {message}",
    "Try '{command} {option}' for help.": "Per l'aiuto: '{command} {option}'.",
    "Missing argument": "Manca l'argomento",
    "Missing option": "Manca l'opzione",
    "Missing parameter": "Manca il parametro",
    "Missing {param_type}": "Manca {param_type}",
    "Missing parameter: {param_name}": "Manca il parametro: {param_name}",
    "Missing command.": "Manca il comando.",
    "No such command {name!r}.": "Il comando {name!r} non esiste.",
    "No such option {name!r}.": "L'opzione {name!r} non esiste.",
    "Option {name!r} does not take a value.": "L'opzione {name!r} non vuole un valore.",
    "Invalid value for {param_hint}: {message}": "Valore non valido per {param_hint}: {message}",
    "Invalid value: {message}": "Valore non valido: {message}",
    "{value!r} is not a valid {number_type}.": "{value!r} non è un numero valido.",
    "{value} is not in the range {range}.": "{value} non è nell'intervallo {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} non esiste.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} è una cartella.",
    "{name} {filename!r} is a file.": "{name} {filename!r} è un file.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} non è scrivibile.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} non è leggibile.",
    "Could not open file {filename!r}: {message}": "Impossibile aprire {filename!r}: {message}",
    "directory": "la cartella",
    "file": "il file",
    "path": "il percorso",
    "Aborted!": "Interrotto.",
    "default: {default}": "predefinito: {default}",
    "required": "obbligatorio",
    "%(prog)s, version %(version)s": "%(prog)s, versione %(version)s",
}

PLURALS = {
    "Got unexpected extra argument ({args})": (
        "Argomento in più non previsto ({args})", "Argomenti in più non previsti ({args})"),
    "Option {name!r} requires an argument.": (
        "L'opzione {name!r} vuole un valore.", "L'opzione {name!r} vuole {nargs} valori."),
    "Did you mean {possibility}?": ("Forse intendevi {possibility}?",
                                    "(Forse intendevi uno di: {possibilities}?)"),
    "{value!r} is not {choice}.": ("{value!r} non è {choice}.",
                                   "{value!r} non è uno di {choices}."),
}


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if singular in PLURALS:
        one, many = PLURALS[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


def install() -> None:
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
