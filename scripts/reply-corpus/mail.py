"""Writes one raw reply email the way a given mail client writes it.

Each client function takes a Case (see build.py) and returns the message bytes: the
client's headers, MIME structure (multipart/alternative, related, mixed), charset and
transfer encoding, its reply header line in the writer's language, its HTML quote markup,
its "Sent from" line. The quoted message is the program's prompt as templates/prompt.*.j2
render it (or the translation HR put in the program's templates/ folder).
"""

import base64
import datetime as dt
import hashlib
import html
import quopri
import textwrap

PROGRAM = "Acme Reverse Mentoring"
PROGRAM_LONG = "Acme Reverse Mentoring 2026-27"

# ---------------------------------------------------------------- words per language

WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
}
WD_SHORT = {
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "de": ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
    "fr": ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
    "es": ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
    "nl": ["ma", "di", "wo", "do", "vr", "za", "zo"],
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
}
MON_SHORT = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
           "Nov.", "Dez."],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
}

SENT_FROM_IPHONE = {
    "en": "Sent from my iPhone",
    "de": "Von meinem iPhone gesendet",
    "fr": "Envoyé de mon iPhone",
    "es": "Enviado desde mi iPhone",
    "nl": "Verstuurd vanaf mijn iPhone",
}
SENT_FROM_SAMSUNG = {
    "en": "Sent from my Galaxy",
    "de": "Von meinem Galaxy gesendet",
    "fr": "Envoyé à partir de mon Galaxy",
    "es": "Enviado desde mi Galaxy",
    "nl": "Verzonden vanaf mijn Galaxy",
}
GET_OUTLOOK = {
    ("en", "ios"): "Get Outlook for iOS<https://aka.ms/o0ukef>",
    ("en", "android"): "Get Outlook for Android<https://aka.ms/AAb9ysg>",
    ("de", "ios"): "Outlook für iOS<https://aka.ms/o0ukef> beziehen",
    ("de", "android"): "Outlook für Android<https://aka.ms/AAb9ysg> herunterladen",
    ("fr", "ios"): "Obtenir Outlook pour iOS<https://aka.ms/o0ukef>",
    ("fr", "android"): "Télécharger Outlook pour Android<https://aka.ms/AAb9ysg>",
    ("es", "ios"): "Obtener Outlook para iOS<https://aka.ms/o0ukef>",
    ("es", "android"): "Descargar Outlook para Android<https://aka.ms/AAb9ysg>",
    ("nl", "ios"): "Outlook voor iOS<https://aka.ms/o0ukef> downloaden",
    ("nl", "android"): "Outlook voor Android<https://aka.ms/AAb9ysg> downloaden",
}
YAHOO_SENT = {
    "en": "Sent from Yahoo Mail on Android",
    "de": "Gesendet von Yahoo Mail auf Android",
    "fr": "Envoyé de Yahoo Mail pour Android",
    "es": "Enviado desde Yahoo Mail con Android",
    "nl": "Verzonden vanaf Yahoo Mail op Android",
}
PROTON_SENT = {
    "en": "Sent with Proton Mail secure email.",
    "de": "Gesendet mit der sicheren E-Mail von Proton Mail.",
    "fr": "Envoyé avec la messagerie sécurisée Proton Mail.",
    "es": "Enviado con el correo electrónico seguro de Proton Mail.",
    "nl": "Verzonden met beveiligde e-mail van Proton Mail.",
}
OUTLOOK_LABELS = {
    # from, sent, to, cc, subject
    "en": ("From:", "Sent:", "To:", "Subject:"),
    "de": ("Von:", "Gesendet:", "An:", "Betreff:"),
    "fr": ("De :", "Envoyé :", "À :", "Objet :"),
    "es": ("De:", "Enviado el:", "Para:", "Asunto:"),
    "nl": ("Van:", "Verzonden:", "Aan:", "Onderwerp:"),
}
OUTLOOK_WEB_LABELS = dict(OUTLOOK_LABELS, es=("De:", "Enviado:", "Para:", "Asunto:"))
REPLY_PREFIX_OUTLOOK = {"en": "RE: ", "de": "AW: ", "fr": "RE : ", "es": "RE: ", "nl": "RE: "}
FWD_PREFIX_OUTLOOK = {"en": "FW: ", "de": "WG: ", "fr": "TR : ", "es": "RV: ", "nl": "FW: "}
ORIGINAL_MESSAGE = {
    "en": "-----Original Message-----",
    "de": "-----Ursprüngliche Nachricht-----",
    "fr": "-----Message d'origine-----",
    "es": "-----Mensaje original-----",
    "nl": "-----Oorspronkelijk bericht-----",
}
CONTENT_LANGUAGE = {"en": "en-GB", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "nl": "nl-NL"}

# ---------------------------------------------------------------- the prompt

FORM = {
    "en": ["Met: yes / no", "Date:", "Minutes:", "Topics:", "Rating 1-5:", "Notes:"],
    "de": ["Getroffen: ja / nein", "Datum:", "Minuten:", "Themen:", "Bewertung 1-5:",
           "Notizen:"],
    "fr": ["Rencontre : oui / non", "Date :", "Minutes :", "Sujets :", "Note 1-5 :",
           "Remarques :"],
    "es": ["Reunión: sí / no", "Fecha:", "Minutos:", "Temas:", "Valoración 1-5:", "Notas:"],
    "nl": ["Afgesproken: ja / nee", "Datum:", "Minuten:", "Onderwerpen:", "Beoordeling 1-5:",
           "Notities:"],
}
SUBJECT = {
    "en": "How are things going with {p}?",
    "de": "Wie läuft es mit {p}?",
    "fr": "Comment ça se passe avec {p} ?",
    "es": "¿Qué tal va todo con {p}?",
    "nl": "Hoe gaat het met {p}?",
}


def prompt_paragraphs(case):
    """The prompt as paragraphs: (kind, text), kind 'p' or 'form'."""
    first, pfull, pfirst = case.first, case.partner, case.partner.split()[0]
    t = case.template
    if t == "de":
        intro = [f"Hallo {first},",
                 f"Haben Sie {pfull} in letzter Zeit getroffen? Antworten Sie einfach auf "
                 f"diese E-Mail und erzählen Sie uns, wie es war: was Sie von {pfirst} "
                 "gelernt haben und was Sie weitergegeben haben. Füllen Sie das kurze "
                 "Formular aus oder schreiben Sie in eigenen Worten: beides geht."]
        outro = ["Gelesen wird nur, was Sie über Ihrer Signatur schreiben. Antworten Sie "
                 "jederzeit mit PAUSE, RESUME, SKIP, STOP oder HELP."]
    elif t == "fr":
        intro = [f"Bonjour {first},",
                 f"Avez-vous rencontré {pfull} récemment ? Répondez à cet e-mail et "
                 f"racontez-nous : ce que vous avez appris de {pfirst}, et ce que vous avez "
                 "partagé en retour. Remplissez le court formulaire ci-dessous, ou écrivez "
                 "simplement avec vos mots : les deux fonctionnent."]
        outro = ["Seul ce que vous écrivez au-dessus de votre signature est lu. Répondez "
                 "PAUSE, RESUME, SKIP, STOP ou HELP à tout moment."]
    elif t == "es":
        intro = [f"Hola {first}:",
                 f"¿Te has reunido con {pfull} últimamente? Responde a este correo y "
                 f"cuéntanos qué tal: qué aprendiste de {pfirst} y qué compartiste tú. "
                 "Rellena el breve formulario o escribe con tus propias palabras: las dos "
                 "cosas sirven."]
        outro = ["Solo se lee lo que escribas encima de tu firma. Responde PAUSE, RESUME, "
                 "SKIP, STOP o HELP en cualquier momento."]
    elif t == "nl":
        intro = [f"Hallo {first},",
                 f"Heb je {pfull} onlangs gesproken? Beantwoord deze e-mail en vertel ons "
                 f"hoe het ging: wat je van {pfirst} hebt geleerd en wat je zelf hebt "
                 "gedeeld. Vul het korte formulier in of schrijf het gewoon in je eigen "
                 "woorden: allebei goed."]
        outro = ["Alleen wat je boven je handtekening schrijft wordt gelezen. Antwoord op "
                 "elk moment met PAUSE, RESUME, SKIP, STOP of HELP."]
    else:
        intro = [f"Hello {first},",
                 f"Did you meet {pfull} recently? Reply to this email and tell us how it "
                 f"went: what you learned from {pfirst}, and what you shared in return. "
                 "Fill in the short form below, or just write in plain words: both work."]
        outro = ["Only what you write above your signature is read. Reply PAUSE, RESUME, "
                 "SKIP, STOP or HELP at any time."]
    paras = [("p", x) for x in intro]
    paras.append(("form", FORM[t]))
    paras += [("p", x) for x in outro]
    paras.append(("p", PROGRAM_LONG if t == "en" else PROGRAM))
    return paras


def prompt_subject(case):
    return SUBJECT[case.template].format(p=case.partner.split()[0])


def prompt_lines(case, answers=None, wrap=None):
    """The prompt as a client renders it to plain text (one line per paragraph, the
    form's lines kept). answers: {form line index: text}; returns a list of
    (line, is_answer)."""
    out = []
    for kind, x in prompt_paragraphs(case):
        if kind == "p":
            lines = textwrap.wrap(x, wrap) if wrap else [x]
            out += [(l, False) for l in lines]
            out.append(("", False))
        else:
            for i, label in enumerate(x):
                ans = (answers or {}).get(i)
                if ans is None:
                    out.append((label, False))
                elif ans.startswith("\n"):
                    out.append((label, False))
                    for a in ans[1:].split("\n"):
                        out.append((a, True))
                else:
                    out.append((label + " " + ans, "same"))
            out.append(("", False))
    while out and out[-1][0] == "":
        out.pop()
    return out


def prompt_html(case, answers=None, color="#0070C0"):
    """The prompt's HTML body content (what clients keep inside their quote)."""
    parts = ['<div class="u-page" style="font-family: sans-serif; line-height: 1.4; '
             'max-width: 36em; padding: 8px 12px; background-color: #ffffff; '
             'color: #1f2933; overflow-wrap: break-word; word-wrap: break-word">']
    for kind, x in prompt_paragraphs(case):
        if kind == "p":
            parts.append(f"<p>{esc(x)}</p>")
        else:
            rows = []
            for i, label in enumerate(x):
                ans = (answers or {}).get(i)
                if ans is None:
                    rows.append(esc(label))
                elif ans.startswith("\n"):
                    rows.append(esc(label) + "\n" + "\n".join(
                        f'<span style="color:{color}">{esc(a)}</span>'
                        for a in ans[1:].split("\n")))
                else:
                    rows.append(esc(label) + f' <span style="color:{color}">{esc(ans)}</span>')
            parts.append('<pre style="white-space: pre-wrap">' + "\n".join(rows) + "\n</pre>")
    parts.append("</div>")
    return "\n".join(parts)


# ---------------------------------------------------------------- helpers


def esc(s):
    return html.escape(s, quote=False)


def h_lines(text):
    """Plain text as HTML lines (a <div> per line, <br> for blank), the way most webmail
    composers write."""
    out = []
    for line in text.split("\n"):
        out.append(f"<div>{esc(line)}</div>" if line.strip() else "<div><br></div>")
    return "".join(out)


def seed(case, salt=""):
    return hashlib.sha256((case.id + salt).encode()).hexdigest()


def uuid(case, salt="", upper=False):
    s = seed(case, salt)
    u = f"{s[:8]}-{s[8:12]}-4{s[13:16]}-a{s[17:20]}-{s[20:32]}"
    return u.upper() if upper else u


def qp(text, charset="utf-8"):
    data = text.replace("\n", "\r\n").encode(charset)
    enc = quopri.encodestring(data, quotetabs=False)
    return enc.decode("ascii").replace("\r\n", "\n")


def b64(text, charset="utf-8"):
    return "\n".join(textwrap.wrap(base64.b64encode(text.encode(charset)).decode(), 76))


def encode_part(ctype, text, charset="utf-8", cte="quoted-printable", extra=""):
    head = f"Content-Type: {ctype}; charset={charset}{extra}\nContent-Transfer-Encoding: {cte}\n"
    if cte == "quoted-printable":
        body = qp(text, charset.strip('"'))
    elif cte == "base64":
        body = b64(text, charset.strip('"'))
    else:
        body = text
    return head + "\n" + body.rstrip("\n") + "\n"


def alternative(boundary, plain, htm):
    return (f"--{boundary}\n{plain}\n--{boundary}\n{htm}\n--{boundary}--\n")


def rfc2822(when):
    return when.strftime("%a, %d %b %Y %H:%M:%S %z")


def enc_name(name):
    try:
        name.encode("ascii")
        return f'"{name}"' if "'" in name or "," in name else name
    except UnicodeEncodeError:
        q = "".join(
            c if c.isalnum() and c.isascii() else
            "_" if c == " " else "".join(f"={b:02X}" for b in c.encode("utf-8"))
            for c in name)
        return f"=?UTF-8?Q?{q}?="


def enc_subject(s):
    try:
        s.encode("ascii")
        return s
    except UnicodeEncodeError:
        return "=?UTF-8?B?" + base64.b64encode(s.encode()).decode() + "?="


def program_addr(case):
    return f"mentoring+{case.token}@acme.example"


def prompt_id(case):
    return f"<prompt.{case.prompt_at.date().isoformat()}.{case.token}@acme.example>"


def headers(case, subject, mid, extra, order=None):
    h = [
        ("From", f"{enc_name(case.name)} <{case.addr}>"),
        ("To", f"{PROGRAM} <{program_addr(case)}>"),
        ("Subject", enc_subject(subject)),
        ("Date", rfc2822(case.date_header)),
        ("Message-ID", mid),
        ("In-Reply-To", prompt_id(case)),
        ("References", prompt_id(case)),
    ] + extra
    return "".join(f"{k}: {v}\n" for k, v in h)


def day(when, lang):
    return when.day


def hhmm(when, ampm=False):
    if ampm:
        h = when.hour % 12 or 12
        return f"{h}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"
    return f"{when.hour:02d}:{when.minute:02d}"


def quote_gt(lines, prefix="> "):
    return "\n".join((prefix + l).rstrip() if l else prefix.rstrip() for l in lines)


def sig_text(case):
    return ("\n\n" + case.sig) if case.sig else ""


def sig_html(case):
    if not case.sig:
        return ""
    return "<div><br></div>" + h_lines(case.sig)


def inline_plain(case, gt=True, wrap=None):
    """The quoted prompt with the writer's answers typed between its lines."""
    out = []
    for line, ans in prompt_lines(case, case.inline, wrap=wrap):
        if ans is True:
            out.append(line)
        elif ans == "same":
            out.append(("> " + line) if gt else line)
        else:
            out.append(("> " + line).rstrip() if gt else line)
    return "\n".join(out)
