"""The private workbook's layout, declared once: sheet names, titles, columns (header,
kind, width). The writer lays it out, and the tests find every figure by these headers."""

from __future__ import annotations

from dataclasses import dataclass

# Cell kinds: how a column's values are written and shown.
TEXT, WRAP, INT, SCORE, AMOUNT, PERCENT, RATIO, DATE = (
    "text", "wrap", "int", "score", "amount", "percent", "ratio", "date")

TITLE_ROW, NOTE_ROW, MARK_ROW, HEADER_ROW, FIRST = 0, 1, 2, 3, 4  # zero-based rows


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str
    width: float


@dataclass(frozen=True)
class Sheet:
    name: str
    title: str  # after «Valutazione individuale ANNO – »
    note: str
    columns: tuple[Column, ...]

    def col(self, key: str) -> int:
        """The zero-based column of ``key``."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)


FUNDS = Sheet("Fondi", "ripartizione dei fondi",
              "Distribuito: somma dei premi del foglio «Persone»; residuo: i centesimi degli "
              "arrotondamenti e le quote di chi non ha diritto al premio. La verifica "
              "controlla che distribuito + residuo = fondo.",
              (Column("group", "Gruppo", TEXT, 34), Column("people", "Persone", INT, 10),
               Column("fund", "Fondo (€)", AMOUNT, 14),
               Column("paid", "Distribuito (€)", AMOUNT, 14),
               Column("remainder", "Residuo (€)", AMOUNT, 14),
               Column("check", "Verifica", TEXT, 14)))
GROUPS = Sheet("Gruppi", "punteggi e premi per gruppo",
               "Punteggio medio: media dei punteggi totali delle persone valutate.",
               (Column("group", "Gruppo", TEXT, 34), Column("evaluator", "Valutatore", TEXT, 24),
                Column("results_weight", "Peso dei risultati", INT, 10),
                Column("people", "Persone", INT, 9), Column("scored", "Valutate", INT, 9),
                Column("average", "Punteggio medio", SCORE, 11),
                Column("rewarded", "Con premio", INT, 9),
                Column("paid", "Premi (€)", AMOUNT, 14),
                Column("average_bonus", "Premio medio (€)", AMOUNT, 14)))
SECTORS = Sheet("Settori", "punteggi e premi per settore",
                "Le persone del settore, di qualunque gruppo.",
                (Column("sector", "Settore", WRAP, 34), Column("people", "Persone", INT, 9),
                 Column("scored", "Valutate", INT, 9),
                 Column("average", "Punteggio medio", SCORE, 11),
                 Column("paid", "Premi (€)", AMOUNT, 14),
                 Column("average_bonus", "Premio medio (€)", AMOUNT, 14)))
BANDS = Sheet("Fasce", "distribuzione per fascia",
              "Per ogni gruppo, le persone di ciascuna fascia di premio.",
              (Column("group", "Gruppo", TEXT, 30), Column("band", "Fascia", TEXT, 26),
               Column("coefficient", "Coefficiente", RATIO, 12),
               Column("people", "Persone", INT, 9), Column("share", "% del gruppo", PERCENT, 11),
               Column("paid", "Premi (€)", AMOUNT, 14)))
CHARTS = "Grafici"
PEOPLE = Sheet("Persone", "punteggi e premio di ogni persona",
               "Una riga per persona; quota = coefficiente × tempo di lavoro × giorni di "
               "servizio / giorni dell'anno.",
               (Column("name", "Persona", TEXT, 22), Column("sector", "Settore", WRAP, 18),
                Column("group", "Gruppo", WRAP, 20),
                Column("profile", "Profilo / categoria", WRAP, 12),
                Column("evaluator", "Valutatore", WRAP, 18),
                Column("fte", "Tempo di lavoro", PERCENT, 9),
                Column("days", "Giorni di servizio", INT, 8),
                Column("year_days", "Giorni dell'anno", INT, 8),
                Column("results", "Punteggio risultati", SCORE, 9),
                Column("behaviours", "Punteggio comportamenti", SCORE, 15),
                Column("total", "Punteggio totale", SCORE, 9),
                Column("band", "Fascia", WRAP, 14),
                Column("coefficient", "Coefficiente", RATIO, 12),
                Column("weight", "Quota", RATIO, 8),
                Column("bonus", "Premio (€)", AMOUNT, 11),
                Column("interview", "Data del colloquio", DATE, 11),
                Column("comment", "Osservazioni del valutatore", WRAP, 30),
                Column("source", "Scheda restituita", WRAP, 18)))
OBJECTIVES = Sheet("Obiettivi", "obiettivi di ogni persona",
                   "Raggiungimento vuoto: obiettivo non misurato, che non concorre al "
                   "punteggio.",
                   (Column("name", "Persona", TEXT, 24), Column("sector", "Settore", WRAP, 22),
                    Column("ref", "Rif.", TEXT, 9), Column("title", "Obiettivo", WRAP, 48),
                    Column("share", "Quota", PERCENT, 9),
                    Column("percent", "Raggiungimento", PERCENT, 13)))
BEHAVIOURS = Sheet("Comportamenti", "comportamenti di ogni persona",
                   "Punteggio sulla scala del gruppo; vuoto: non valutato.",
                   (Column("name", "Persona", TEXT, 24), Column("group", "Gruppo", TEXT, 22),
                    Column("behaviour", "Comportamento", WRAP, 40),
                    Column("weight", "Peso", PERCENT, 8),
                    Column("score", "Punteggio", SCORE, 10),
                    Column("scale", "Scala (massimo)", INT, 10)))

SHEETS = (FUNDS, GROUPS, SECTORS, BANDS, CHARTS, PEOPLE, OBJECTIVES, BEHAVIOURS)
TOTAL = "Totale"
NO_BAND, NOT_SCORED = "sotto la soglia", "non valutato"  # «Fascia» without a band
CHECK_OK, CHECK_WRONG = "corretto", "NON QUADRA"
