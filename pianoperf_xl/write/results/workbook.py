"""The consolidated results workbook: every indicator with its percentage and traffic
light, and the roll-ups per objective, sector and area as live formulas over the rows
(with the values the tool computed cached, so a reader that does not recalculate shows
the same figures), a sheet per person and the rules used.

Layout: «Sintesi» (ente, sectors, chart), «Settori», «Aree», «Obiettivi», «Indicatori»,
«Persone», «Regole». The formulas use SUMIFS over the «Indicatori» and «Obiettivi»
columns, which Excel and LibreOffice compute alike.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path
from typing import Any, Sequence

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from pianoperf_xl.results.run import RoundResult
from pianoperf_xl.write import style
from pianoperf_xl.write.atomic import atomic_path
from pianoperf_xl.write.cells import new_workbook, put, row_height, set_height, set_width

HEADER_ROW, FIRST = 3, 4  # zero-based: headers on Excel row 4, data from row 5
GREEN = {"bg_color": "#C6EFCE", "font_color": "#006100"}
YELLOW = {"bg_color": "#FFEB9C", "font_color": "#9C5700"}
RED = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}

IND_COLS = (("settore", "Settore", 22), ("area", "Area strategica", 18),
            ("obiettivo_rif", "Obiettivo", 10), ("rif", "Rif.", 10),
            ("obiettivo", "Testo dell'obiettivo", 36), ("indicatore", "Indicatore", 30),
            ("target", "Target", 12), ("scadenza", "Scadenza", 14),
            ("valore", "Valore raggiunto", 12), ("data_completamento", "Completato il", 12),
            ("stato", "Stato", 14), ("esito", "Esito", 14), ("regola", "Regola", 22),
            ("percentuale", "%", 8), ("misurato", "Misurato", 8),
            ("dichiarata", "% dichiarata", 9), ("cause", "Cause dello scostamento", 28),
            ("azioni", "Azioni correttive", 28), ("evidenze", "Evidenze", 24),
            ("atto_giunta", "Atto di Giunta", 14))
PERCENT_KEYS = {"percentuale", "dichiarata", "quota", "peso"}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


class _Writer:
    def __init__(self, outcome: RoundResult, path: str) -> None:
        self.outcome = outcome
        self.book = new_workbook(path)
        b = self.book
        self.title = b.add_format(style.TITLE)
        self.note = b.add_format(style.NOTE)
        self.header = b.add_format(style.HEADER)
        border = {"border": 1, "border_color": style.BORDER, "valign": "top"}
        self.text = b.add_format({**border, "text_wrap": True})
        self.percent = b.add_format({**border, "num_format": style.PERCENTAGE})
        self.day = b.add_format({**border, "num_format": style.DAY})
        self.number = b.add_format({**border})
        self.bold_percent = b.add_format({**border, "num_format": style.PERCENTAGE,
                                          "bold": True})
        self.lights = [b.add_format(f) for f in (GREEN, YELLOW, RED)]
        settings = outcome.returns.settings
        self.green, self.yellow = float(settings.green), float(settings.yellow)

    def start(self, name: str, title: str, note: str, headers: Sequence[tuple[str, float]]):
        ws = self.book.add_worksheet(name)
        put(ws, 0, 0, title, self.title)
        put(ws, 1, 0, note, self.note)
        for col, (label, width) in enumerate(headers):
            set_width(ws, col, col, width)
            put(ws, HEADER_ROW, col, label, self.header)
        set_height(ws, HEADER_ROW, 32)
        ws.freeze_panes(FIRST, 0)
        style.print_setup(ws, landscape=len(headers) > 6, repeat_row=HEADER_ROW)
        return ws

    def cell(self, ws, row: int, col: int, key: str, value: Any) -> None:
        if _blank(value):
            if key not in PERCENT_KEYS:
                put(ws, row, col, None, self.text)
            return
        if isinstance(value, (dt.date, dt.datetime)):
            put(ws, row, col, value, self.day)
        elif key in PERCENT_KEYS:
            put(ws, row, col, float(value), self.percent)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            put(ws, row, col, value, self.number)
        else:
            put(ws, row, col, str(value), self.text)

    def fit(self, ws, row: int, texts: Sequence[tuple[Any, float]]) -> None:
        """The row as tall as its longest wrapped text."""
        set_height(ws, row, row_height([(t, w) for t, w in texts if isinstance(t, str)]))

    def formula(self, ws, row: int, col: int, formula: str, value: Any, fmt=None) -> None:
        cached = "" if _blank(value) else value
        ws.write_formula(row, col, "=" + formula, fmt or self.percent, cached)

    def light_rules(self, ws, col: int, first: int, last: int) -> None:
        """Green, yellow, red on the percentages by the rules' thresholds; a blank cell
        (not measured) stays blank."""
        if last < first:
            return
        area = (first, col, last, col)
        ws.conditional_format(*area, {"type": "blanks", "stop_if_true": True,
                                      "format": self.book.add_format({})})
        ws.conditional_format(*area, {"type": "cell", "criteria": ">=", "value": self.green,
                                      "format": self.lights[0]})
        ws.conditional_format(*area, {"type": "cell", "criteria": ">=", "value": self.yellow,
                                      "format": self.lights[1]})
        ws.conditional_format(*area, {"type": "cell", "criteria": "<", "value": self.yellow,
                                      "format": self.lights[2]})

    def light_formula(self, pct_cell: str) -> str:
        return (f'IF({pct_cell}="","",IF({pct_cell}>=Regole!$B$5,"verde",'
                f'IF({pct_cell}>=Regole!$B$6,"giallo","rosso")))')

    # -- sheets -------------------------------------------------------------------------

    def write(self) -> None:
        o = self.outcome
        t = o.tables
        self.summary()
        self.rollup("Settori", "Risultati per settore", "settore", t["settori"], "Settore", 0)
        self.rollup("Aree", "Risultati per area strategica", "area", t["aree"],
                    "Area strategica", 12)
        self.objectives(t["obiettivi"])
        self.indicators(t["indicatori"])
        if "confronto" in t:
            self.comparison(t["confronto"], t["data_monitoraggio"])
        self.people(t["persone"])
        self.rules()
        self.book.close()

    def summary(self) -> None:
        o = self.outcome
        r = o.returns
        ws = self.start("Sintesi", f"Risultati {o.year} – {r.round_kind} al "
                        f"{r.reference_date.strftime('%d/%m/%Y')}",
                        "Percentuali calcolate con le regole del foglio «Regole».",
                        [("Voce", 44), ("Valore", 16)])
        n_obj = len(t := o.tables["obiettivi"])
        last = FIRST + n_obj - 1
        put(ws, FIRST, 0, "Raggiungimento complessivo dell'ente", self.text)
        self.formula(ws, FIRST, 1, f"IF(SUM(Obiettivi!$I${FIRST + 1}:$I${last + 1})=0,\"\","
                     f"SUM(Obiettivi!$H${FIRST + 1}:$H${last + 1})/"
                     f"SUM(Obiettivi!$I${FIRST + 1}:$I${last + 1}))", o.tables["ente"],
                     self.bold_percent)
        self.light_rules(ws, 1, FIRST, FIRST)
        ind = o.tables["indicatori"]
        facts = [("Obiettivi", n_obj), ("Obiettivi misurati", int(t["percentuale"].notna().sum())),
                 ("Indicatori", len(ind)), ("Indicatori misurati", int(ind["misurato"].sum()))]
        for status in ("non misurabile", "non pertinente", "dati mancanti", "in corso"):
            facts.append((f"Indicatori: {status}", int((ind["esito"] == status).sum())))
        for i, (label, value) in enumerate(facts, start=1):
            put(ws, FIRST + i, 0, label, self.text)
            put(ws, FIRST + i, 1, value, self.number)
        sectors = len(o.tables["settori"])
        chart = self.book.add_chart({"type": "bar"})
        chart.add_series({"name": "Raggiungimento",
                          "categories": ["Settori", FIRST, 0, FIRST + sectors - 1, 0],
                          "values": ["Settori", FIRST, 1, FIRST + sectors - 1, 1],
                          "fill": {"color": style.BLUE}})
        chart.set_title({"name": "Raggiungimento per settore"})
        chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%"})
        chart.set_legend({"none": True})
        chart.set_size({"width": 440, "height": 280})  # the width of the two columns
        ws.insert_chart(FIRST + len(facts) + 2, 0, chart)

    def rollup(self, name: str, title: str, key: str, frame, label: str, obj_col: int) -> None:
        """One row per sector (or area): the objectives' weighted mean as a formula."""
        ws = self.start(name, title, "Media degli obiettivi misurati, pesata sulla quota "
                        "di ciascun obiettivo nel suo settore.",
                        [(label, 40), ("%", 10), ("Semaforo", 10), ("Obiettivi", 10),
                         ("Misurati", 10)])
        n_obj = len(self.outcome.tables["obiettivi"])
        letter = xl_col_to_name(obj_col)
        span = lambda c: f"Obiettivi!${c}${FIRST + 1}:${c}${FIRST + n_obj}"  # noqa: E731
        settings = self.outcome.returns.settings
        for i, row in enumerate(frame.itertuples(index=False)):
            r = FIRST + i
            put(ws, r, 0, getattr(row, key) or "(senza area)", self.text)
            # Areas are matched by their number (Obiettivi column M): an area's text may
            # be longer than the 255 characters a SUMIFS criterion can hold.
            me = xl_rowcol_to_cell(r, 0) if obj_col == 0 else str(i + 1)
            weights = f"SUMIFS({span('I')},{span(letter)},{me})"
            self.formula(ws, r, 1, f'IF({weights}=0,"",SUMIFS({span("H")},{span(letter)},'
                         f'{me})/{weights})', row.percentuale)
            self.formula(ws, r, 2, self.light_formula(xl_rowcol_to_cell(r, 1)),
                         settings.light(row.percentuale), self.text)
            put(ws, r, 3, row.obiettivi, self.number)
            put(ws, r, 4, row.misurati, self.number)
            self.fit(ws, r, [(getattr(row, key) or "", 40)])
        self.light_rules(ws, 1, FIRST, FIRST + len(frame) - 1)

    def objectives(self, frame) -> None:
        ws = self.start("Obiettivi", "Risultati per obiettivo",
                        "% dell'obiettivo: media dei suoi indicatori misurati.",
                        [("Settore", 22), ("Area strategica", 18), ("Rif.", 10),
                         ("Obiettivo", 44), ("Peso", 8), ("Quota nel settore", 10),
                         ("%", 9), ("Quota × %", 10), ("Quota misurata", 10),
                         ("Semaforo", 10), ("Indicatori", 9), ("Misurati", 9),
                         ("N. area", 7)])
        areas = {a: i + 1 for i, a in enumerate(dict.fromkeys(frame["area"]))}
        n_ind = len(self.outcome.tables["indicatori"])
        span = lambda c: f"Indicatori!${c}${FIRST + 1}:${c}${FIRST + n_ind}"  # noqa: E731
        settings = self.outcome.returns.settings
        for i, row in enumerate(frame.itertuples(index=False)):
            r = FIRST + i
            for col, key in enumerate(("settore", "area", "rif", "obiettivo", "peso", "quota")):
                self.cell(ws, r, col, key, getattr(row, key))
            sector, ref = xl_rowcol_to_cell(r, 0), xl_rowcol_to_cell(r, 2)
            count = f"SUMIFS({span('O')},{span('A')},{sector},{span('C')},{ref})"
            pct = None if _blank(row.percentuale) else row.percentuale
            self.formula(ws, r, 6, f'IF({count}=0,"",SUMIFS({span("N")},{span("A")},{sector},'
                         f'{span("C")},{ref})/{count})', pct)
            g, f = xl_rowcol_to_cell(r, 6), xl_rowcol_to_cell(r, 5)
            self.formula(ws, r, 7, f'IF({g}="",0,{f}*{g})', 0 if pct is None else row.quota * pct)
            self.formula(ws, r, 8, f'IF({g}="",0,{f})', 0 if pct is None else row.quota)
            self.formula(ws, r, 9, self.light_formula(g), settings.light(pct), self.text)
            put(ws, r, 10, row.indicatori, self.number)
            put(ws, r, 11, row.misurati, self.number)
            put(ws, r, 12, areas[row.area], self.number)
            self.fit(ws, r, [(row.settore, 22), (row.area, 18), (row.obiettivo, 44)])
        self.light_rules(ws, 6, FIRST, FIRST + len(frame) - 1)
        ws.autofilter(HEADER_ROW, 0, FIRST + len(frame) - 1, 12)

    def indicators(self, frame) -> None:
        ws = self.start("Indicatori", "Risultati per indicatore",
                        "Una riga per indicatore del piano approvato; «%» vuota per gli "
                        "indicatori non misurabili, non pertinenti, in corso o senza dati.",
                        [(label, width) for _, label, width in IND_COLS] + [("Semaforo", 10)])
        settings = self.outcome.returns.settings
        pct_col = [k for k, _, _ in IND_COLS].index("percentuale")
        for i, row in enumerate(frame.to_dict("records")):
            r = FIRST + i
            for col, (key, _, _) in enumerate(IND_COLS):
                self.cell(ws, r, col, key, row[key])
            self.fit(ws, r, [(row[key], width) for key, _, width in IND_COLS])
            self.formula(ws, r, len(IND_COLS), self.light_formula(xl_rowcol_to_cell(r, pct_col)),
                         settings.light(None if _blank(row["percentuale"]) else row["percentuale"]),
                         self.text)
        self.light_rules(ws, pct_col, FIRST, FIRST + len(frame) - 1)
        ws.autofilter(HEADER_ROW, 0, FIRST + len(frame) - 1, len(IND_COLS))

    def comparison(self, frame, mid_year: dt.date) -> None:
        ws = self.start("Confronto", "Monitoraggio e consuntivo a confronto",
                        f"Percentuale di ogni obiettivo al {mid_year.strftime('%d/%m/%Y')} e a "
                        "fine anno.",
                        [("Settore", 22), ("Rif.", 10), ("Obiettivo", 44),
                         ("% monitoraggio", 12), ("% consuntivo", 12), ("Differenza", 11)])
        for i, row in enumerate(frame.to_dict("records")):
            r = FIRST + i
            for col, key in enumerate(("settore", "rif", "obiettivo")):
                self.cell(ws, r, col, key, row[key])
            self.cell(ws, r, 3, "percentuale", row["percentuale_monitoraggio"])
            self.cell(ws, r, 4, "percentuale", row["percentuale_consuntivo"])
            mid, end = xl_rowcol_to_cell(r, 3), xl_rowcol_to_cell(r, 4)
            self.formula(ws, r, 5, f'IF(OR({mid}="",{end}=""),"",{end}-{mid})',
                         row["differenza"])
            self.fit(ws, r, [(row["settore"], 22), (row["obiettivo"], 44)])

    def people(self, frame) -> None:
        ws = self.start("Persone", "Risultati per persona (dati personali: uso interno)",
                        "Media pesata degli obiettivi su cui la persona è indicata.",
                        [("Persona", 28), ("Settori", 26), ("Obiettivi", 40),
                         ("N. obiettivi", 10), ("%", 9)])
        for i, row in enumerate(frame.to_dict("records")):
            for col, key in enumerate(("persona", "settori", "obiettivi", "n_obiettivi",
                                       "percentuale")):
                self.cell(ws, FIRST + i, col, key, row[key])
            self.fit(ws, FIRST + i, [(row["settori"], 26), (row["obiettivi"], 40)])
        self.light_rules(ws, 4, FIRST, FIRST + len(frame) - 1)

    def rules(self) -> None:
        s = self.outcome.returns.settings
        ws = self.start("Regole", "Regole di misurazione usate",
                        f"Da «{s.source}»." if s.source else "Regole predefinite.",
                        [("Regola", 50), ("Valore", 14)])
        rows = (("Semaforo verde da", float(s.green), "percentuale"),
                ("Semaforo giallo da", float(s.yellow), "percentuale"),
                ("Periodo di ritardo (giorni)", s.delay_days, ""),
                ("Riduzione per periodo di ritardo", float(s.delay_reduction), "percentuale"),
                ("Punteggio per fasce", "sì" if s.bands else "no", ""),
                ("Evidenze obbligatorie", "sì" if s.evidence_required else "no", ""),
                ("Senza target: misurare dallo stato",
                 "sì" if s.state_without_target else "no", ""),
                ("Scarto ammesso tra % dichiarata e calcolata", float(s.tolerance), "percentuale"))
        for i, (label, value, key) in enumerate(rows):
            put(ws, FIRST + i, 0, label, self.text)
            self.cell(ws, FIRST + i, 1, key, value)


def write_results_workbook(outcome: RoundResult, path: str | os.PathLike) -> Path:
    with atomic_path(path) as tmp:
        _Writer(outcome, str(tmp)).write()
    return Path(path)
