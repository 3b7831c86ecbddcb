#!/usr/bin/env python3
"""Writes the reply corpus: tests/fixtures/replies/*.eml and manifest.toml.

    python3 scripts/reply-corpus/build.py

Each case (cases_*.py, fresh_*.py) is what one person wrote back to a prompt, with the mail client
they used, the day and time they sent it where they are, and the fields a careful reader
agrees the reply states. The client functions (clients.py) wrap it the way that client
does: headers, MIME structure, charset and transfer encoding, reply header line in the
writer's language, HTML quote markup, signature and "Sent from" line. Expected dates are
written relative to the day sent ("tue": the last Tuesday before it, "-1": the day before)
and resolved here, so they cannot drift from the day the case says it was sent.

Batches: cases_*.py are the "tuning" batch (the reader was tuned on them); each fresh_*.py,
fresh2_*.py, fresh3_*.py ... file names its own batch (BATCH), written without looking at what
the reader does, so the corpus test can show how it reads replies it has never seen. A new
batch is new files; this script finds them. The manifest writes `batch`
for every case outside "tuning".
"""

import importlib

import datetime as dt
import os
import sys
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(__file__))
from clients import RENDER  # noqa: E402
from mail import seed  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "replies")

# name, work address, time zone, partner, language
PEOPLE = {
    # English
    "helen": ("Helen McBride", "helen.mcbride@acme.example", "Europe/London", "Priya Raman"),
    "priya": ("Priya Raman", "priya.raman@acme.example", "Europe/London", "Helen McBride"),
    "tom": ("Tom Okafor", "tom.okafor@acme.example", "Europe/London", "Richard Hale"),
    "richard": ("Richard Hale", "richard.hale@acme.example", "Europe/London", "Tom Okafor"),
    "grace": ("Grace Adeyemi", "grace.adeyemi@acme.example", "America/New_York", "Sam Whitfield"),
    "sam": ("Sam Whitfield", "sam.whitfield@acme.example", "America/New_York", "Grace Adeyemi"),
    "maya": ("Maya Chen", "maya.chen@acme.example", "America/New_York", "Daniel Wright"),
    "daniel": ("Daniel Wright", "daniel.wright@acme.example", "America/New_York", "Maya Chen"),
    "margaret": ("Margaret O'Neill", "margaret.oneill@acme.example", "Europe/London", "Yasmin Haddad"),
    "aiko": ("Aiko Tanaka", "aiko.tanaka@acme.example", "Asia/Singapore", "Kenji Mori"),
    "ravi": ("Ravi Kapoor", "ravi.kapoor@acme.example", "Asia/Singapore", "Arjun Mehta"),
    "arjun": ("Arjun Mehta", "arjun.mehta@acme.example", "Asia/Singapore", "Ravi Kapoor"),
    "kenji": ("Kenji Mori", "kenji.mori@acme.example", "Asia/Singapore", "Aiko Tanaka"),
    # German
    "lea": ("Lea Fischer", "lea.fischer@acme.example", "Europe/Berlin", "Klaus Weber"),
    "klaus": ("Klaus Weber", "klaus.weber@acme.example", "Europe/Berlin", "Lea Fischer"),
    "noah": ("Noah Becker", "noah.becker@acme.example", "Europe/Berlin", "Ingrid Larsen"),
    "ingrid": ("Ingrid Larsen", "ingrid.larsen@acme.example", "Europe/Berlin", "Noah Becker"),
    "jonas": ("Jonas Berg", "jonas.berg@acme.example", "Europe/Berlin", "Stefan Krüger"),
    "stefan": ("Stefan Krüger", "stefan.krueger@acme.example", "Europe/Berlin", "Jonas Berg"),
    "sabine": ("Sabine Hoffmann", "sabine.hoffmann@acme.example", "Europe/Vienna", "Lukas Meier"),
    "lukas": ("Lukas Meier", "lukas.meier@acme.example", "Europe/Zurich", "Sabine Hoffmann"),
    "anna": ("Anna Schmidt", "anna.schmidt@acme.example", "Europe/Berlin", "Jürgen Vogel"),
    "juergen": ("Jürgen Vogel", "juergen.vogel@acme.example", "Europe/Berlin", "Anna Schmidt"),
    # French
    "chloe": ("Chloé Martin", "chloe.martin@acme.example", "Europe/Paris", "Sophie Dubois"),
    "sophie": ("Sophie Dubois", "sophie.dubois@acme.example", "Europe/Paris", "Chloé Martin"),
    "catherine": ("Catherine Moreau", "catherine.moreau@acme.example", "Europe/Paris", "Julien Lefèvre"),
    "julien": ("Julien Lefèvre", "julien.lefevre@acme.example", "Europe/Paris", "Catherine Moreau"),
    "yasmin": ("Yasmin Haddad", "yasmin.haddad@acme.example", "Europe/London", "Margaret O'Neill"),
    "elodie": ("Élodie Bernard", "elodie.bernard@acme.example", "Europe/Brussels", "Marc Girard"),
    "marc": ("Marc Girard", "marc.girard@acme.example", "America/Toronto", "Élodie Bernard"),
    "camille": ("Camille Roux", "camille.roux@acme.example", "Europe/Paris", "Thierry Blanc"),
    "thierry": ("Thierry Blanc", "thierry.blanc@acme.example", "Europe/Paris", "Camille Roux"),
    # Spanish
    "mateo": ("Mateo Silva", "mateo.silva@acme.example", "America/New_York", "Patricia López"),
    "patricia": ("Patricia López", "patricia.lopez@acme.example", "America/New_York", "Mateo Silva"),
    "lucia": ("Lucía Fernández", "lucia.fernandez@acme.example", "Europe/Madrid", "Javier Ruiz"),
    "javier": ("Javier Ruiz", "javier.ruiz@acme.example", "Europe/Madrid", "Lucía Fernández"),
    "carmen": ("Carmen Ortega", "carmen.ortega@acme.example", "America/Mexico_City", "Diego Morales"),
    "diego": ("Diego Morales", "diego.morales@acme.example", "America/Bogota", "Carmen Ortega"),
    "valentina": ("Valentina Gómez", "valentina.gomez@acme.example", "America/Argentina/Buenos_Aires", "Andrés Castro"),
    "andres": ("Andrés Castro", "andres.castro@acme.example", "Europe/Madrid", "Valentina Gómez"),
    # Dutch
    "sanne": ("Sanne de Vries", "sanne.devries@acme.example", "Europe/Amsterdam", "Daan Jansen"),
    "daan": ("Daan Jansen", "daan.jansen@acme.example", "Europe/Amsterdam", "Sanne de Vries"),
    "femke": ("Femke Visser", "femke.visser@acme.example", "Europe/Amsterdam", "Pieter Bakker"),
    "pieter": ("Pieter Bakker", "pieter.bakker@acme.example", "Europe/Brussels", "Femke Visser"),
    "lotte": ("Lotte van Dijk", "lotte.vandijk@acme.example", "Europe/Amsterdam", "Bram Smit"),
    "bram": ("Bram Smit", "bram.smit@acme.example", "Europe/Amsterdam", "Lotte van Dijk"),
    "joost": ("Joost Mulder", "joost.mulder@acme.example", "Europe/Amsterdam", "Eva de Graaf"),
    "eva": ("Eva de Graaf", "eva.degraaf@acme.example", "Europe/Amsterdam", "Joost Mulder"),
}

EXTERNAL_BANNER = ("CAUTION: This email originated from outside of Acme. Do not click links or "
                   "open attachments unless you recognise the sender and know the content is "
                   "safe.")
WEEKDAY = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
UTC_DATE_CLIENTS = {"yahoo", "proton"}
TUNING = "tuning"
LANGS = ["en", "de", "fr", "es", "nl"]
# The case files, in the order the manifest lists them: the tuning batch, then the fresh
# ones (fresh_*.py, fresh2_*.py, fresh3_*.py, ...), each batch in the order of LANGS.
HERE = os.path.dirname(os.path.abspath(__file__))


def batch_number(prefix):
    digits = prefix[len("fresh"):]
    return int(digits) if digits else 1


PREFIXES = sorted({f.rsplit("_", 1)[0] for f in os.listdir(HERE)
                   if f.startswith("fresh") and f.endswith(".py")}, key=batch_number)
MODULES = ([f"cases_{lang}" for lang in LANGS]
           + [f"{p}_{lang}" for p in PREFIXES for lang in LANGS
              if os.path.exists(os.path.join(HERE, f"{p}_{lang}.py"))])
FIELDS = ("met", "date", "minutes", "topics", "rating", "command")


class Case:
    def __init__(self, id, lang, client, who, sent, body, sig=None, inline=None, fwd=False,
                 template="en", variant=None, addr=None, weeks_back=0, locale=None, banner=False,
                 batch=TUNING, **expected):
        self.id, self.lang, self.client, self.who = id, lang, client, who
        self.batch = batch
        # The client's language (its reply header, "Sent from" line), when it is not the
        # language the person writes in.
        self.locale = locale or lang
        self.name, self.work_addr, tz, self.partner = PEOPLE[who]
        self.addr = addr or self.work_addr
        self.first = self.name.split()[0]
        self.tz = ZoneInfo(tz)
        self.sent = dt.datetime.strptime(sent, "%Y-%m-%d %H:%M").replace(tzinfo=self.tz)
        monday = self.sent.date() - dt.timedelta(days=self.sent.weekday() + 7 * weeks_back)
        if self.sent.weekday() == 0 and self.sent.hour < 10 and weeks_back == 0:
            monday -= dt.timedelta(days=7)
        self.prompt_at = dt.datetime.combine(monday, dt.time(9, 0), tzinfo=self.tz)
        self.date_header = (self.sent.astimezone(dt.timezone.utc) if client in UTC_DATE_CLIENTS
                            else self.sent)
        self.stamp = int(self.sent.timestamp() * 1000) + int(seed(self, "s")[:3], 16)
        self.token = seed(self, "token")[:10].translate(str.maketrans("0189", "kmpq"))
        self.body, self.sig, self.inline, self.fwd = body.strip("\n"), sig, inline, fwd
        if banner:
            # The organisation's mail gateway marks mail from outside at the top of its text.
            self.body = EXTERNAL_BANNER + "\n\n" + self.body
        self.template, self.variant = template, variant
        unknown = set(expected) - set(FIELDS)
        if unknown:
            raise SystemExit(f"{id}: unknown fields {unknown}")
        self.expected = expected

    def resolved(self):
        out = {}
        for k, v in self.expected.items():
            if k == "date":
                v = resolve_day(self.sent.date(), v).isoformat()
            out[k] = v
        return out


def resolve_day(sent, spec):
    if spec == "today":
        return sent
    if isinstance(spec, int):
        return sent + dt.timedelta(days=spec)
    if spec in WEEKDAY:
        back = (sent.weekday() - WEEKDAY[spec]) % 7 or 7
        return sent - dt.timedelta(days=back)
    return dt.date.fromisoformat(spec)


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    cases = []
    for name in MODULES:
        module = importlib.import_module(name)
        batch = getattr(module, "BATCH", TUNING)
        cases += [Case(**dict(c, batch=batch)) for c in module.CASES]
    ids = [c.id for c in cases]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise SystemExit(f"duplicate case ids: {dupes}")
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".eml"):
            os.remove(os.path.join(OUT, f))
    manifest = [
        "# The reply corpus: one raw email per case, as the named client writes it, with the",
        "# fields a careful reader agrees the reply states. Written by",
        "# scripts/reply-corpus/build.py from scripts/reply-corpus/cases_*.py; edit those and",
        "# run it again. Scored by tests/corpus.rs.",
        "#",
        "# file: the .eml beside this file; language: en, de, fr, es, nl; client: the mail client;",
        "# forwarded: the writer forwarded the prompt instead of replying; sent: the day sent",
        "# where the sender is; tz: the sender's time zone. Expected fields: met, date (the day",
        "# they met), minutes, topics (the example program's vocabulary, config/program.toml),",
        "# rating (1-5), command (PAUSE, STOP, ..., PAUSE UNTIL YYYY-MM-DD). A field left out is",
        "# not stated by the reply.",
        "# batch: the set of cases written together; left out for \"tuning\", the cases the",
        "# reader was tuned on; \"fresh-1\" and later were written without seeing what it does.",
        "",
    ]
    for c in cases:
        with open(os.path.join(OUT, c.id + ".eml"), "w", encoding="utf-8", newline="\n") as f:
            f.write(RENDER[c.client](c))
        manifest.append("[[case]]")
        manifest.append(f'file = "{c.id}.eml"')
        manifest.append(f'language = "{c.lang}"')
        manifest.append(f'client = "{c.client}"')
        if c.fwd:
            manifest.append("forwarded = true")
        if c.batch != TUNING:
            manifest.append(f'batch = "{c.batch}"')
        manifest.append(f'sent = "{c.sent.date().isoformat()}"')
        manifest.append(f'tz = "{c.tz.key}"')
        for k, v in sorted(c.resolved().items(), key=lambda kv: FIELDS.index(kv[0])):
            manifest.append(f"{k} = {toml_value(v)}")
        manifest.append("")
    with open(os.path.join(OUT, "manifest.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(manifest))
    by = {}
    for c in cases:
        by.setdefault(c.lang, 0)
        by[c.lang] += 1
    batches = {}
    for c in cases:
        batches[c.batch] = batches.get(c.batch, 0) + 1
    print(f"batches: {batches}")
    print(f"{len(cases)} cases written to {OUT}: {by}")


if __name__ == "__main__":
    main()
