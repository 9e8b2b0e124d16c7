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
    "Positional arguments": "Argomenti",
    "Show this message and exit.": "Mostra questo aiuto ed esce.",
    "Show the version and exit.": "Mostra la versione ed esce.",
    "Error: {message}": "Errore: {message}",
    "Try '{command} {option}' for help.": "Per l'aiuto: «{command} {option}».",
    "Missing argument": "Manca l'argomento",
    "Missing option": "Manca l'opzione",
    "Missing parameter": "Manca il parametro",
    "Missing {param_type}": "Manca {param_type}",
    "Missing parameter: {param_name}": "Manca il parametro: {param_name}",
    "Missing command.": "Manca il comando.",
    "No such command {name!r}.": "Il comando «{name}» non esiste.",
    "No such option {name!r}.": "L'opzione «{name}» non esiste.",
    "Option {name!r} does not take a value.": "L'opzione «{name}» non vuole un valore.",
    "Argument {name!r} takes {nargs} values.": "L'argomento «{name}» vuole {nargs} valori.",
    "Invalid value for {param_hint}: {message}": "Valore non valido per {param_hint}: {message}",
    "Invalid value: {message}": "Valore non valido: {message}",
    "{value!r} is not a valid {number_type}.": "«{value}» non è un numero.",
    "{value} is not in the range {range}.": "{value} è fuori dai valori ammessi ({range}).",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "«{value}» non è un valore sì/no. Valori ammessi: {states}",
    "Choose from:\n\t{choices}": "Scegliere tra:\n\t{choices}",
    # Click names the kind of path capitalised ("Directory"): the Italian says it itself.
    "{name} {filename!r} does not exist.": "«{filename}» non esiste.",
    "{name} {filename!r} is a directory.": "«{filename}» è una cartella, non un file.",
    "{name} {filename!r} is a file.": "«{filename}» è un file, non una cartella.",
    "{name} {filename!r} is not writable.": "«{filename}» non si può scrivere (permessi).",
    "{name} {filename!r} is not readable.": "«{filename}» non si può leggere (permessi).",
    "{name} {filename!r} is not executable.": "«{filename}» non è eseguibile.",
    "Could not open file {filename!r}: {message}": "Impossibile aprire «{filename}»: {message}",
    "directory": "cartella",
    "file": "file",
    "path": "percorso",
    "Aborted!": "Interrotto.",
    "Do you want to continue?": "Continuare?",
    "Repeat for confirmation": "Ripetere per conferma",
    "Error: The two entered values do not match.": "Errore: i due valori non coincidono.",
    "Error: invalid input": "Errore: valore non valido",
    "Press any key to continue...": "Premere un tasto per continuare...",
    "default: {default}": "predefinito: {default}",
    "env var: {var}": "variabile d'ambiente: {var}",
    "(dynamic)": "(calcolato)",
    "required": "obbligatorio",
    "deprecated": "deprecato",
    "unknown error": "errore sconosciuto",
    "Value must be an iterable.": "Servono più valori.",
    "%(prog)s, version %(version)s": "%(prog)s, versione %(version)s",
}

PLURALS = {
    "Got unexpected extra argument ({args})": (
        "Argomento in più non previsto ({args})", "Argomenti in più non previsti ({args})"),
    "Option {name!r} requires an argument.": (
        "L'opzione «{name}» vuole un valore.", "L'opzione «{name}» vuole {nargs} valori."),
    "Did you mean {possibility}?": ("Forse si intendeva {possibility}?",
                                    "(Forse si intendeva uno di: {possibilities}?)"),
    "{value!r} is not {choice}.": ("«{value}» non è {choice}.",
                                   "«{value}» non è uno di: {choices}."),
    "Takes {nargs} values but 1 was given.": (
        "Vuole {nargs} valori, ne è stato dato uno.",
        "Vuole {nargs} valori, ne sono stati dati {len}."),
    "{len_type} values are required, but {len_value} was given.": (
        "Servono {len_type} valori, ne è stato dato {len_value}.",
        "Servono {len_type} valori, ne sono stati dati {len_value}."),
}


def quoted_names(names) -> str | None:
    """Click's ``_join_param_hints``, with Italian quotation marks: «--year»."""
    if names is not None and not isinstance(names, str):
        return " / ".join(f"«{name}»" for name in names)
    return names


def quoted_possibilities(possibilities: list[str]) -> str:
    """Click's ``_format_possibilities``, with Italian quotation marks."""
    possibility = ", ".join(f"«{p}»" for p in sorted(possibilities))
    return ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)",
                    len(possibilities)).format(possibility=possibility,
                                               possibilities=possibility)


def parameter_hint(self, ctx=None) -> str:
    return " / ".join(f"«{name}»" for name in self.opts or [self.human_readable_name])


def argument_hint(self, ctx=None) -> str:
    return f"«{self.make_metavar(ctx) if ctx is not None else self.human_readable_name}»"


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
    # Parameter names in messages are quoted ('--year') by Click's parameters and two
    # private helpers: replaced by ones that quote as Italian does («--year»).
    exceptions = importlib.import_module("click.exceptions")
    exceptions._join_param_hints = quoted_names
    exceptions._format_possibilities = quoted_possibilities
    core = importlib.import_module("click.core")
    core.Parameter.get_error_hint = parameter_hint
    core.Argument.get_error_hint = argument_hint
