"""One function per mail client: the raw message it writes for a Case."""

from mail import *  # noqa: F403 (the words of each language and the MIME helpers)


US = ("America/New_York", "America/Chicago", "America/Los_Angeles")


def is_us(case):
    return str(case.tz) in US


# ---------------------------------------------------------------- reply header lines


def words(case, when=None):
    """The pieces of a date, time and sender that clients put in their header lines."""
    p, lang = when or case.prompt_at, case.locale
    zone = p.strftime("%Z")
    if lang == "de":
        zone = {"CET": "MEZ", "CEST": "MESZ"}.get(zone, zone)
    if zone[:1] in "+-":
        zone = f"GMT{int(zone):+d}"
    return dict(
        wd=WD_SHORT[lang][p.weekday()], WD=WEEKDAYS[lang][p.weekday()],
        mon=MON_SHORT[lang][p.month - 1], MON=MONTHS[lang][p.month - 1],
        d=p.day, dd=f"{p.day:02d}", m=p.month, mm=f"{p.month:02d}", y=p.year,
        yy=f"{p.year % 100:02d}", hm=hhmm(p), h=f"{p.hour}:{p.minute:02d}",
        ampm=hhmm(p, True), ampm_s=hhmm(p, True).replace(" ", ":00 "), zone=zone,
        gmt=f"GMT{p.strftime('%z')[:3]}:{p.strftime('%z')[3:]}",
        WDc=WEEKDAYS[lang][p.weekday()].capitalize(), MONc=MONTHS[lang][p.month - 1].capitalize(),
        sfx={1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(p.day, "th"),
        who=PROGRAM, a=program_addr(case))


def line(table, case, when=None):
    """The header line of `table` in the client's language (US English where it differs)."""
    key = "en-us" if case.locale == "en" and is_us(case) and "en-us" in table else case.locale
    return table[key].format(**words(case, when))


GMAIL_ATTR = {
    "en": "On {wd}, {d} {mon} {y} at {hm}, {who} <{a}> wrote:",
    "en-us": "On {wd}, {mon} {d}, {y} at {ampm} {who} <{a}> wrote:",
    "de": "Am {wd}, {d}. {mon} {y} um {hm} Uhr schrieb {who} <{a}>:",
    "fr": "Le {wd} {d} {mon} {y} \u00e0 {hm}, {who} <{a}> a \u00e9crit :",
    "es": "El {wd}, {d} {mon} {y} a las {h}, {who} (<{a}>) escribi\u00f3:",
    "nl": "Op {wd} {d} {mon} {y} om {hm} schreef {who} <{a}>:",
}
APPLE_ATTR = {
    "en": "On {d} {mon} {y}, at {hm}, {who} <{a}> wrote:",
    "en-us": "On {mon} {d}, {y}, at {ampm}, {who} <{a}> wrote:",
    "de": "Am {dd}.{mm}.{y} um {hm} schrieb {who} <{a}>:",
    "fr": "Le {d} {mon} {y} \u00e0 {hm}, {who} <{a}> a \u00e9crit :",
    "es": "El {d} {mon} {y}, a las {h}, {who} <{a}> escribi\u00f3:",
    "nl": "Op {d} {mon} {y} om {hm} heeft {who} <{a}> het volgende geschreven:",
}
THUNDERBIRD_ATTR = {
    "en": "On {dd}/{mm}/{y} {hm}, {who} wrote:",
    "en-us": "On {m}/{d}/{yy} {ampm}, {who} wrote:",
    "de": "Am {dd}.{mm}.{yy} um {hm} schrieb {who}:",
    "fr": "Le {dd}/{mm}/{y} \u00e0 {hm}, {who} a \u00e9crit :",
    "es": "El {d}/{m}/{yy} a las {hm}, {who} escribi\u00f3:",
    "nl": "Op {dd}-{mm}-{y} om {hm} schreef {who}:",
}
YAHOO_ATTR = {
    "en": "On {WD}, {MON} {d}, {y} at {ampm_s} {zone}, {who} <{a}> wrote:",
    "de": "Am {WD}, {d}. {MON} {y} um {hm}:00 {zone} hat {who} <{a}> Folgendes geschrieben:",
    "fr": "Le {WD} {d} {MON} {y} \u00e0 {hm}:00 UTC+1, {who} <{a}> a \u00e9crit :",
    "es": "El {WD}, {d} de {MON} de {y}, {hm}:00 {zone}, {who} <{a}> escribi\u00f3:",
    "nl": "Op {WD} {d} {MON} {y} om {hm}:00 {zone} schreef {who} <{a}>:",
}
PROTON_ATTR = {
    "en": "On {WD}, {MON} {d}{sfx}, {y} at {hm}, {who} <{a}> wrote:",
    "de": "Am {WD}, {d}. {MON} {y} um {hm} schrieb {who} <{a}>:",
    "fr": "Le {WD} {d} {MON} {y} \u00e0 {hm}, {who} <{a}> a \u00e9crit :",
    "es": "El {WD}, {d} de {MON} de {y} a las {hm}, {who} <{a}> escribi\u00f3:",
    "nl": "Op {WD} {d} {MON} {y} om {hm} schreef {who} <{a}>:",
}
OUTLOOK_SENT = {
    "en": "{WD}, {d} {MON} {y} {hm}",
    "en-us": "{WD}, {MON} {d}, {y} {ampm}",
    "de": "{WD}, {d}. {MON} {y} {hm}",
    "fr": "{WD} {d} {MON} {y} {hm}",
    "es": "{WD}, {d} de {MON} de {y} {h}",
    "nl": "{WD} {d} {MON} {y} {hm}",
}


def gmail_attr(case):
    return line(GMAIL_ATTR, case)


def apple_attr(case):
    return line(APPLE_ATTR, case)


def thunderbird_attr(case):
    return line(THUNDERBIRD_ATTR, case)


def yahoo_attr(case):
    return line(YAHOO_ATTR, case)


def proton_attr(case):
    return line(PROTON_ATTR, case)


def outlook_sent(case, web=False):
    if web and case.locale == "en":
        return OUTLOOK_SENT["en-us"].format(**words(case))
    return line(OUTLOOK_SENT, case)


def outlook_block(case, web=False, labels=None):
    f, s, t, subj = labels or (OUTLOOK_WEB_LABELS if web else OUTLOOK_LABELS)[case.locale]
    return [
        f"{f} {PROGRAM} <{program_addr(case)}>",
        f"{s} {outlook_sent(case, web)}",
        f"{t} {case.name} <{case.addr}>",
        f"{subj} {prompt_subject(case)}",
    ]



# Header blocks above a quoted or forwarded message: (title line, labels, date format).
GMAIL_FORWARD = {
    "en": ("---------- Forwarded message ---------", ("From:", "Date:", "Subject:", "To:")),
    "de": ("---------- Weitergeleitete Nachricht ---------", ("Von:", "Date:", "Subject:", "To:")),
    "fr": ("---------- Forwarded message ---------", ("De :", "Date:", "Subject:", "To:")),
    "es": ("---------- Forwarded message ---------", ("De:", "Date:", "Subject:", "To:")),
    "nl": ("---------- Doorgestuurd bericht ---------", ("Van:", "Date:", "Subject:", "To:")),
}
APPLE_FORWARD = {
    "en": ("Begin forwarded message:", ("From:", "Date:", "To:", "Subject:"),
           "{d} {MON} {y} at {hm}:00 {zone}"),
    "de": ("Anfang der weitergeleiteten Nachricht:", ("Von:", "Datum:", "An:", "Betreff:"),
           "{d}. {MON} {y} um {hm}:00 {zone}"),
    "fr": ("D\u00e9but du message r\u00e9exp\u00e9di\u00e9 :", ("De:", "Date:", "\u00c0:", "Objet:"),
           "{d} {MON} {y} \u00e0 {hm}:00 UTC+1"),
    "es": ("Inicio del mensaje reenviado:", ("De:", "Fecha:", "Para:", "Asunto:"),
           "{d} de {MON} de {y}, {hm}:00 {zone}"),
    "nl": ("Begin doorgestuurd bericht:", ("Van:", "Datum:", "Aan:", "Onderwerp:"),
           "{d} {MON} {y} om {hm}:00 {zone}"),
}
ZIMBRA_HEAD = {
    "en": ("----- Original Message -----", ("From:", "To:", "Sent:", "Subject:"),
           "{WD}, {MON} {d}, {y} {ampm_s}"),
    "de": ("----- Urspr\u00fcngliche Mail -----", ("Von:", "An:", "Gesendet:", "Betreff:"),
           "{WD}, {d}. {MON} {y} {hm}:00"),
    "fr": ("----- Mail original -----", ("De:", "\u00c0:", "Envoy\u00e9:", "Objet:"),
           "{WDc} {d} {MONc} {y} {hm}:00"),
    "es": ("----- Mensaje original -----", ("De:", "Para:", "Enviado:", "Asunto:"),
           "{WDc}, {d} de {MON} de {y} {hm}:00"),
    "nl": ("----- Oorspronkelijk bericht -----", ("Van:", "Aan:", "Verzonden:", "Onderwerp:"),
           "{WDc} {d} {MON} {y} {hm}:00"),
}
SAMSUNG_HEAD = {
    "en": ("-------- Original message --------", ("From:", "Date:", "To:", "Subject:"),
           "{dd}/{mm}/{y} {hm} ({gmt})"),
    "en-us": ("-------- Original message --------", ("From:", "Date:", "To:", "Subject:"),
              "{m}/{d}/{yy} {ampm} ({gmt})"),
    "de": ("-------- Urspr\u00fcngliche Nachricht --------", ("Von:", "Datum:", "An:", "Betreff:"),
           "{dd}.{mm}.{yy} {hm} ({gmt})"),
    "fr": ("-------- Message d'origine --------", ("De :", "Date :", "\u00c0 :", "Objet :"),
           "{dd}/{mm}/{y} {hm} ({gmt})"),
    "es": ("-------- Mensaje original --------", ("De:", "Fecha:", "Para:", "Asunto:"),
           "{d}/{m}/{yy} {h} ({gmt})"),
    "nl": ("-------- Oorspronkelijk bericht --------", ("Van:", "Datum:", "Aan:", "Onderwerp:"),
           "{dd}-{mm}-{y} {hm} ({gmt})"),
}
NOTES_WROTE = {
    "en": '"{who}" <{a}> wrote on {dd}/{mm}/{y} {hm}:00:',
    "de": '"{who}" <{a}> schrieb am {dd}.{mm}.{y} {hm}:00:',
    "fr": '"{who}" <{a}> a \u00e9crit sur {dd}/{mm}/{y} {hm}:00 :',
    "es": '"{who}" <{a}> escribi\u00f3 el {dd}/{mm}/{y} {hm}:00:',
    "nl": '"{who}" <{a}> schreef op {dd}-{mm}-{y} {hm}:00:',
}
NOTES_HEAD = {
    "en": (None, ("From:", "To:", "Date:", "Subject:"), "{dd}/{mm}/{y} {hm}"),
    "de": (None, ("Von:", "An:", "Datum:", "Betreff:"), "{dd}.{mm}.{y} {hm}"),
    "fr": (None, ("De :", "A :", "Date :", "Objet :"), "{dd}/{mm}/{y} {hm}"),
    "es": (None, ("De:", "Para:", "Fecha:", "Asunto:"), "{dd}/{mm}/{y} {hm}"),
    "nl": (None, ("Van:", "Aan:", "Datum:", "Onderwerp:"), "{dd}/{mm}/{y} {hm}"),
}
GMX_HEAD = {
    "de": (None, ("Gesendet:", "Von:", "An:", "Betreff:"), "{WD}, {dd}. {MON} {y} um {hm} Uhr"),
    "en": (None, ("Sent:", "From:", "To:", "Subject:"), "{WD}, {MON} {dd}, {y} at {ampm}"),
    "fr": (None, ("Envoy\u00e9:", "De:", "\u00c0:", "Objet:"), "{WD}, {MON} {dd}, {y} at {ampm}"),
    "es": (None, ("Enviado:", "De:", "Para:", "Asunto:"), "{WD}, {MON} {dd}, {y} at {ampm}"),
    "nl": (None, ("Verzonden:", "Van:", "Aan:", "Onderwerp:"), "{WD}, {MON} {dd}, {y} at {ampm}"),
}


def head(table, case):
    """A header block's title, labels and date, in the client's language."""
    key = "en-us" if case.locale == "en" and is_us(case) and "en-us" in table else case.locale
    title, labels, when = table[key]
    return title, labels, when.format(**words(case))


# ---------------------------------------------------------------- forwarded blocks


def gmail_forward_block(case):
    title, lab = GMAIL_FORWARD[case.locale]
    w = words(case)
    w.update(wd=WD_SHORT["en"][case.prompt_at.weekday()],
             mon=MON_SHORT["en"][case.prompt_at.month - 1])
    return [title,
            f"{lab[0]} {PROGRAM} <{program_addr(case)}>",
            f"{lab[1]} " + "{wd}, {mon} {d}, {y} at {ampm}".format(**w),
            f"{lab[2]} {prompt_subject(case)}",
            f"{lab[3]} <{case.work_addr}>"]


def apple_forward_block(case):
    title, lab, when = head(APPLE_FORWARD, case)
    return title, [f"{lab[0]} {PROGRAM} <{program_addr(case)}>", f"{lab[1]} {when}",
                   f"{lab[2]} {case.name} <{case.work_addr}>",
                   f"{lab[3]} {prompt_subject(case)}"]


# ---------------------------------------------------------------- the clients


def gmail(case, mobile=False):
    """Gmail web (div dir=ltr) and the Gmail apps (div dir=auto); plain part first,
    attribution wrapped in the plain part when long."""
    b = "0000000000" + seed(case, "b")[:16]
    d = "auto" if mobile else "ltr"
    new = case.body + sig_text(case)
    if case.fwd:
        block = gmail_forward_block(case)
        plain = new + "\n\n" + "\n".join(block) + "\n\n\n" + "\n".join(
            l for l, _ in prompt_lines(case))
        htm = (f'<div dir="{d}">' + h_lines(case.body) + "</div>" + sig_html(case) +
               '<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
               + "<br>".join(esc(x) for x in block) + "<br><br></div>"
               + prompt_html(case) + "</div>")
        subject = "Fwd: " + prompt_subject(case)
    else:
        attr = gmail_attr(case)
        if len(attr) > 76:
            cut = attr.rfind(" ", 0, 76)
            attr_plain = attr[:cut] + "\n" + attr[cut + 1:]
        else:
            attr_plain = attr
        if case.inline:
            plain = new + "\n\n" + attr_plain + "\n\n" + inline_plain(case)
            quoted = split_blockquote(case, 'class="gmail_quote" style="margin:0px 0px 0px '
                                      '0.8ex;border-left:1px solid rgb(204,204,204);'
                                      'padding-left:1ex"')
        else:
            plain = new + "\n\n" + attr_plain + "\n\n" + quote_gt(
                [l for l, _ in prompt_lines(case)])
            quoted = ('<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
                      'border-left:1px solid rgb(204,204,204);padding-left:1ex">'
                      + prompt_html(case) + "</blockquote>")
        htm = (f'<div dir="{d}">' + h_lines(case.body) + "</div>" + sig_html(case) +
               f'<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">{esc(attr)}'
               "<br></div>" + quoted + "</div>")
        subject = "Re: " + prompt_subject(case)
    mid = f"<CA{seed(case, 'm')[:10].upper()}+{seed(case, 'n')[:20]}@mail.gmail.com>"
    body = alternative(b, encode_part("text/plain", plain, '"UTF-8"'),
                       encode_part("text/html", htm + "\n", '"UTF-8"'))
    return headers(case, subject, mid, [
        ("MIME-Version", "1.0"),
        ("Content-Type", f'multipart/alternative; boundary="{b}"'),
    ]) + "\n" + body


def split_blockquote(case, attrs, tag="blockquote"):
    """The prompt quoted in pieces, the writer's answers between them (coloured)."""
    out, cur = [], []

    def flush():
        if cur:
            out.append(f"<{tag} {attrs}><div>" + "<br>".join(esc(l) for l in cur)
                       + f"</div></{tag}>")
            cur.clear()

    for line, ans in prompt_lines(case, case.inline):
        if ans is True:
            flush()
            out.append(f'<div><span style="color:#1f4e79">{esc(line)}</span></div>')
        else:
            cur.append(line)
    flush()
    return "".join(out)


def apple(case, iphone=False):
    b = f"Apple-Mail={('_' if not iphone else '-')}{uuid(case, 'b', upper=True)}"
    lang = case.locale
    sent = SENT_FROM_IPHONE[lang] if iphone else None
    new = case.body + sig_text(case) + (f"\n\n{sent}" if sent else "")
    if case.fwd:
        title, block = apple_forward_block(case)
        plain = (new + "\n\n" + title + "\n\n" + quote_gt(block + [""] + [
            l for l, _ in prompt_lines(case)]))
        htm_q = (f'<div dir="ltr"><blockquote type="cite">{esc(title)}<br><br>'
                 + "".join(f"<div>{esc(x)}</div>" for x in block) + "<br>"
                 + prompt_html(case) + "</blockquote></div>")
        subject = "Fwd: " + prompt_subject(case)
    else:
        attr = apple_attr(case)
        if case.inline:
            plain = new + "\n\n" + attr + "\n\n" + inline_plain(case)
            htm_q = f"<div><br><blockquote type=\"cite\"><div>{esc(attr)}</div></blockquote></div>" + \
                split_blockquote(case, 'type="cite"')
        elif iphone:
            plain = new + "\n\n" + quote_gt([attr, ""] + [l for l, _ in prompt_lines(case)])
            htm_q = (f'<div dir="ltr"><br><blockquote type="cite">{esc(attr)}<br><br></blockquote>'
                     f'</div><blockquote type="cite"><div dir="ltr">{prompt_html(case)}</div>'
                     "</blockquote>")
        else:
            plain = new + "\n\n" + attr + "\n\n" + quote_gt([l for l, _ in prompt_lines(case)])
            htm_q = (f'<div><br><blockquote type="cite"><div>{esc(attr)}</div><br '
                     f'class="Apple-interchange-newline"><div>{prompt_html(case)}</div>'
                     "</blockquote></div>")
        subject = "Re: " + prompt_subject(case)
    if iphone:
        htm = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8">'
               '</head><body dir="auto"><div dir="ltr">' + h_lines(case.body)
               + sig_html(case) + f'<div><br></div><div dir="ltr">{esc(sent)}</div></div>'
               + htm_q + "</body></html>")
        xm = [("X-Mailer", "iPhone Mail (22B83)")]
        mid = f"<{uuid(case, 'm', upper=True)}@{case.addr.split('@')[1]}>"
        mime = "1.0 (1.0)"
    else:
        htm = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8">'
               '</head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; '
               'line-break: after-white-space;">' + h_lines(case.body) + sig_html(case)
               + htm_q + "</body></html>")
        xm = [("X-Mailer", "Apple Mail (2.3826.200.121)")]
        mid = f"<{uuid(case, 'm', upper=True)}@{case.addr.split('@')[1]}>"
        mime = "1.0 (Mac OS X Mail 16.0 \\(3826.200.121\\))"
    body = alternative(b, encode_part("text/plain", plain, "utf-8"),
                       encode_part("text/html", htm, "utf-8"))
    return headers(case, subject, mid, [
        ("Mime-Version", mime),
        ("Content-Type", f'multipart/alternative; boundary="{b}"'),
    ] + xm) + "\n" + body


def thunderbird(case):
    """Thunderbird composing plain text (format=flowed, 8bit) or HTML (moz-cite-prefix)."""
    attr = thunderbird_attr(case)
    if case.inline:
        quoted = inline_plain(case, wrap=None)
    else:
        quoted = quote_gt([l for l, _ in prompt_lines(case, wrap=72)])
    sig = ("\n\n-- \n" + case.sig) if case.sig else ""
    plain = flowed(case.body) + sig + "\n\n" + attr + "\n" + quoted + "\n"
    if case.fwd:
        fwd_lab = {"en": "-------- Forwarded Message --------",
                   "de": "-------- Weitergeleitete Nachricht --------",
                   "fr": "-------- Message transféré --------",
                   "es": "-------- Mensaje reenviado --------",
                   "nl": "-------- Doorgestuurd bericht --------"}[case.locale]
        p = case.prompt_at
        rows = {"en": ("Subject:", "Date:", "From:", "To:"),
                "de": ("Betreff:", "Datum:", "Von:", "An:"),
                "fr": ("Sujet :", "Date :", "De :", "Pour :"),
                "es": ("Asunto:", "Fecha:", "De:", "Para:"),
                "nl": ("Onderwerp:", "Datum:", "Van:", "Aan:")}[case.locale]
        block = [fwd_lab,
                 f"{rows[0]}\t{prompt_subject(case)}",
                 f"{rows[1]}\t{rfc2822(p)}",
                 f"{rows[2]}\t{PROGRAM} <{program_addr(case)}>",
                 f"{rows[3]}\t{case.work_addr}"]
        plain = flowed(case.body) + sig + "\n\n" + "\n".join(block) + "\n\n\n" + "\n".join(
            l for l, _ in prompt_lines(case, wrap=72)) + "\n"
        subject = "Fwd: " + prompt_subject(case)
    else:
        subject = "Re: " + prompt_subject(case)
    mid = f"<{uuid(case, 'm')}@{case.addr.split('@')[1]}>"
    ua = "Mozilla Thunderbird" if case.variant != "ua" else \
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0"
    return headers(case, subject, mid, [
        ("MIME-Version", "1.0"),
        ("User-Agent", ua),
        ("Content-Language", {"en": "en-US", "de": "de-DE", "fr": "fr", "es": "es-ES",
                              "nl": "nl"}[case.locale]),
        ("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
        ("Content-Transfer-Encoding", "8bit"),
    ]) + "\n" + plain


def flowed(text):
    out = []
    for line in text.split("\n"):
        if len(line) <= 72:
            out.append(line)
            continue
        wrapped = textwrap.wrap(line, 72, break_long_words=False, break_on_hyphens=False)
        out += [w + " " for w in wrapped[:-1]] + [wrapped[-1]]
    return "\n".join(out)


OUTLOOK_STYLE = """<style><!--
/* Font Definitions */
@font-face
\t{font-family:"Cambria Math";
\tpanose-1:2 4 5 3 5 4 6 3 2 4;}
@font-face
\t{font-family:Calibri;
\tpanose-1:2 15 5 2 2 2 4 3 2 4;}
@font-face
\t{font-family:Aptos;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
\t{margin:0cm;
\tfont-size:11.0pt;
\tfont-family:"Aptos",sans-serif;
\tmso-ligatures:standardcontextual;
\tmso-fareast-language:EN-US;}
a:link, span.MsoHyperlink
\t{mso-style-priority:99;
\tcolor:#467886;
\ttext-decoration:underline;}
pre
\t{mso-style-priority:99;
\tmso-style-link:"HTML Preformatted Char";
\tmargin:0cm;
\tfont-size:10.0pt;
\tfont-family:"Courier New";}
span.EmailStyle20
\t{mso-style-type:personal-reply;
\tfont-family:"Aptos",sans-serif;
\tcolor:windowtext;}
.MsoChpDefault
\t{mso-style-type:export-only;
\tfont-size:10.0pt;
\tmso-ligatures:none;}
@page WordSection1
\t{size:612.0pt 792.0pt;
\tmargin:72.0pt 72.0pt 72.0pt 72.0pt;}
div.WordSection1
\t{page:WordSection1;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->"""


def mso(line, color=None):
    if not line.strip():
        return '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
    if color:
        return f'<p class="MsoNormal"><span style="color:{color}">{esc(line)}<o:p></o:p></span></p>'
    return f'<p class="MsoNormal">{esc(line)}<o:p></o:p></p>'


def outlook_desktop(case):
    """Outlook for Windows (Word's HTML, WordSection1, the From/Sent block under a rule,
    the quote unmarked), plain part without '>' quoting. variant: 'plain' (composed as
    plain text with -----Original Message-----), 'related' (a signature logo),
    'exchange' (on-premises Exchange ids), 'cp1252' (plain part in windows-1252)."""
    lang, v = case.locale, case.variant or ""
    block = outlook_block(case)
    subject = (FWD_PREFIX_OUTLOOK if case.fwd else REPLY_PREFIX_OUTLOOK)[lang] + prompt_subject(case)
    color = "#0070C0"
    if case.inline:
        qlines = prompt_lines(case, case.inline)
        quote_plain = "\n".join(l for l, _ in qlines)
        labels = FORM[case.template]

        def same_line(line):
            label = next(x for x in labels if line.startswith(x))
            return (f'<p class="MsoNormal">{esc(label)} <span style="color:{color}">'
                    f'{esc(line[len(label):].strip())}<o:p></o:p></span></p>')

        quote_html = "".join(
            same_line(l) if a == "same" else mso(l, color if a is True else None)
            for l, a in qlines)
    else:
        qlines = prompt_lines(case)
        quote_plain = "\n".join(l for l, _ in qlines)
        quote_html = "".join(mso(l) for l, _ in qlines)
    logo = "related" in v
    sig_plain = sig_text(case)
    if logo:
        sig_plain += "\n[cid:image001.png@01DD4C1A.7B3E2F60]"
    sig_h = "".join(mso(l) for l in ([""] + case.sig.split("\n") if case.sig else []))
    if logo:
        sig_h += ('<p class="MsoNormal"><img width="120" height="32" style="width:1.25in;'
                  'height:.3333in" id="Picture_x0020_1" src="cid:image001.png@01DD4C1A.7B3E2F60"'
                  ' alt="Acme"><o:p></o:p></p>')
    if "plain" in v:
        orig = ORIGINAL_MESSAGE[lang]
        text = (case.body + sig_text(case) + "\n\n" + orig + "\n" + "\n".join(block) + "\n\n"
                + quote_plain + "\n")
        body_mime = None
    else:
        text = (case.body + sig_plain + "\n\n" + "\n".join(block) + "\n\n" + quote_plain + "\n")
        body_mime = True
    b = f"_000_{seed(case, 'b')[:40].upper()}_"
    host = "EXCH02.corp.acme.example" if "exchange" in v else \
        f"AS8PR04MB{seed(case, 'h')[:4].upper()}.eurprd04.prod.outlook.com"
    mid = f"<{seed(case, 'm')[:34].upper()}@{host}>"
    charset = "windows-1252" if "cp1252" in v else "utf-8"
    extra = [
        ("Thread-Topic", prompt_subject(case)),
        ("Thread-Index", "AQHb" + base64.b64encode(bytes.fromhex(seed(case, 't')[:32])).decode()[:28]),
        ("Accept-Language", f"{CONTENT_LANGUAGE[lang]}, en-US"),
        ("Content-Language", CONTENT_LANGUAGE[lang]),
        ("X-MS-Has-Attach", "yes" if logo else ""),
        ("X-MS-TNEF-Correlator", ""),
        ("X-MS-Exchange-Organization-SCL", "-1"),
        ("msip_labels", ""),
    ]
    if body_mime is None:
        return headers(case, subject, mid, extra + [
            ("MIME-Version", "1.0"),
            ("Content-Type", f'text/plain; charset="{charset}"'),
            ("Content-Transfer-Encoding", "quoted-printable"),
        ]) + "\n" + qp(text, charset)
    body_html = "".join(mso(l) for l in case.body.split("\n"))
    htm = ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
           'office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://'
           'schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">'
           '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
           '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">'
           + OUTLOOK_STYLE + f'</head><body lang="{CONTENT_LANGUAGE[lang].upper()}" '
           'link="#467886" vlink="#96607D" style="word-wrap:break-word">'
           '<div class="WordSection1">' + body_html + sig_h + mso("")
           + '<div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm '
           '0cm 0cm"><p class="MsoNormal">' + "<br>".join(
               f"<b>{esc(l[:l.index(':') + 1])}</b>{esc(l[l.index(':') + 1:])}" for l in block)
           + "<o:p></o:p></p></div></div>" + mso("") + quote_html
           + "</div></body></html>")
    alt = alternative(b, encode_part("text/plain", text, f'"{charset}"'),
                      encode_part("text/html", htm, '"utf-8"'))
    if logo:
        rb = f"_004_{seed(case, 'r')[:40].upper()}_"
        png = base64.b64encode(bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e221bc330000000049454e44ae426082"
        )).decode()
        body = (f"--{rb}\nContent-Type: multipart/alternative;\n\tboundary=\"{b}\"\n\n{alt}\n"
                f"--{rb}\nContent-Type: image/png; name=\"image001.png\"\n"
                "Content-Description: image001.png\n"
                "Content-Disposition: inline; filename=\"image001.png\"; size=70\n"
                "Content-ID: <image001.png@01DD4C1A.7B3E2F60>\n"
                f"Content-Transfer-Encoding: base64\n\n{png}\n\n--{rb}--\n")
        ctype = f'multipart/related;\n\tboundary="{rb}";\n\ttype="multipart/alternative"'
    else:
        body, ctype = alt, f'multipart/alternative;\n\tboundary="{b}"'
    return headers(case, subject, mid, extra + [
        ("Content-Type", ctype),
        ("MIME-Version", "1.0"),
    ]) + "\n" + body


def outlook_web(case, mobile=None):
    """Outlook on the web / Outlook.com (divRplyFwdMsg under an <hr>) and Outlook for iOS
    and Android (the same block, 'Get Outlook for ...'; plain part base64 from iOS)."""
    lang = case.locale
    block = outlook_block(case, web=True)
    sep = "________________________________"
    get = GET_OUTLOOK[(lang, mobile)] if mobile else None
    new = case.body + sig_text(case) + (f"\n\n{get}" if get else "")
    quote_plain = "\n".join(l for l, _ in prompt_lines(case, case.inline))
    subject = (FWD_PREFIX_OUTLOOK if case.fwd else REPLY_PREFIX_OUTLOOK)[lang] + prompt_subject(case)
    if lang == "en" or mobile:
        subject = ("FW: " if case.fwd else "Re: ") + prompt_subject(case)
    plain = new + "\n\n" + sep + "\n" + "\n".join(block) + "\n\n" + quote_plain + "\n"
    get_html = ""
    if get:
        label, url = get.split("<")
        get_html = (f'<div dir="ltr"><br></div><div id="ms-outlook-mobile-signature" dir="ltr">'
                    f'{esc(label.split("Outlook")[0])}<a href="{url[:-1]}">Outlook'
                    f'{esc(label.split("Outlook", 1)[1])}</a></div>') if "Outlook" in label else ""
    htm = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
           '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} '
           '</style></head><body dir="ltr"><div class="elementToProof" style="font-family: '
           'Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; '
           'font-size: 12pt; color: rgb(0, 0, 0);">' + h_lines(case.body) + sig_html(case)
           + "</div>" + get_html + '<div id="appendonsend"></div><hr style="display:inline-block;'
           'width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, '
           'sans-serif" style="font-size:11pt" color="#000000">' + "<br>".join(
               f"<b>{esc(l[:l.index(':') + 1])}</b>{esc(l[l.index(':') + 1:])}" for l in block)
           + '</font><div>&nbsp;</div></div>' + prompt_html(case, case.inline) + "</body></html>")
    b = f"_000_{seed(case, 'b')[:40].upper()}_"
    mid = f"<{seed(case, 'm')[:34].upper()}@DU0P190MB{seed(case, 'h')[:4].upper()}.EURP190.PROD.OUTLOOK.COM>"
    cte_plain = "base64" if mobile == "ios" else "quoted-printable"
    body = alternative(b, encode_part("text/plain", plain, '"utf-8"', cte_plain),
                       encode_part("text/html", htm, '"utf-8"', cte_plain))
    return headers(case, subject, mid, [
        ("Thread-Topic", prompt_subject(case)),
        ("Thread-Index", "AQHb" + base64.b64encode(bytes.fromhex(seed(case, 't')[:32])).decode()[:28]),
        ("Accept-Language", f"{CONTENT_LANGUAGE[lang]}, en-US"),
        ("Content-Language", CONTENT_LANGUAGE[lang]),
        ("X-MS-Has-Attach", ""),
        ("X-MS-TNEF-Correlator", ""),
        ("Content-Type", f'multipart/alternative;\n\tboundary="{b}"'),
        ("MIME-Version", "1.0"),
    ]) + "\n" + body


def yahoo(case):
    lang = case.locale
    attr = yahoo_attr(case)
    mobile = case.variant == "android"
    sent = YAHOO_SENT[lang] if mobile else None
    new = case.body + sig_text(case) + (f"\n\n{sent}" if sent else "")
    plain = new + "\n\n\n   " + attr + "\n\n" + "\n".join(
        ("" if not l else l) for l, _ in prompt_lines(case)) + "\n"
    htm = ('<html><head></head><body><div class="ydp3f1c2e6ayahoo-style-wrap" style="font-family:'
           'Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;">' + h_lines(case.body)
           + sig_html(case) + "</div>"
           + (f'<div id="ymail_android_signature"><a id="ymail_android_signature_link" '
              f'href="https://mail.onelink.me/107872968?pid=nativeplacement">{esc(sent)}</a></div>'
              if sent else "")
           + f'<div id="yahoo_quoted_{seed(case, "y")[:10]}" class="yahoo_quoted"><div style="'
           'font-family:\'Helvetica Neue\', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;">'
           f"<div>{esc(attr)}</div><div><br></div><div><br></div>"
           f'<div><div id="yiv{seed(case, "z")[:10]}">' + prompt_html(case) + "</div></div></div></div>"
           "</body></html>")
    b = f"----=_Part_{int(seed(case, 'b')[:6], 16)}_{int(seed(case, 'c')[:9], 16)}.{case.stamp}"
    mid = f"<{int(seed(case, 'm')[:8], 16)}.{int(seed(case, 'n')[:6], 16)}.{case.stamp}@mail.yahoo.com>"
    return headers(case, "Re: " + prompt_subject(case), mid, [
        ("MIME-Version", "1.0"),
        ("Content-Type", f'multipart/alternative;\n\tboundary="{b}"'),
        ("X-Mailer", "WebService/1.1.23040 YMailNorrin" if not mobile else
         "WebService/1.1.23040 YahooMailAndroidMobile"),
    ]) + "\n" + alternative(b, encode_part("text/plain", plain, "UTF-8"),
                            encode_part("text/html", htm, "UTF-8"))


def gmx(case):
    """GMX / WEB.DE webmail: HTML only (Verdana 12px), the Gesendet/Von/An/Betreff block
    in a bordered div; variant 'text': the plain-text editor; 'app': the Android app."""
    lang = case.locale
    p = case.prompt_at
    _, lab, when = head(GMX_HEAD, case)
    rows = [(lab[0], when), (lab[1], f'"{PROGRAM}" <{program_addr(case)}>'),
            (lab[2], case.addr), (lab[3], prompt_subject(case))]
    webde = "webde" in (case.variant or "")
    host = "3c-app-webde-bap" if webde else "3c-app-gmx-bap"
    mid = f"<trinity-{uuid(case, 'm')}-{case.stamp}@{host}{int(seed(case, 'x')[:2], 16) % 60:02d}>"
    prefix = "Aw: " if lang == "de" else "Re: "
    common = [("MIME-Version", "1.0"), ("Importance", "normal"), ("Sensitivity", "Normal"),
              ("X-Priority", "3"), ("X-UI-Message-Type", "mail"),
              ("X-Provags-ID", "V03:K1:" + base64.b64encode(bytes.fromhex(seed(case, 'p')[:48])).decode())]
    if "app" in (case.variant or ""):
        brand = "WEB.DE" if webde else "GMX"
        sent = f"Diese Nachricht wurde von meinem Android Mobiltelefon mit {brand} Mail gesendet."
        plain = (case.body + sig_text(case) + "\n\n--\n" + sent + "\n\n" + "\n".join(
            f"{a} {b}" for a, b in [("Am", f"{p.day:02d}.{p.month:02d}.{p.year}, {hhmm(p)}"),
                                    (f'schrieb "{PROGRAM}"', f"<{program_addr(case)}>:")])
                 .replace("\n", " ", 1) + "\n" + quote_gt([l for l, _ in prompt_lines(case)]) + "\n")
        return headers(case, prefix + prompt_subject(case),
                       f"<{uuid(case, 'm', upper=True)}@email.android.com>",
                       [("MIME-Version", "1.0"),
                        ("User-Agent", f"{brand} Mail für Android"),
                        ("Content-Type", "text/plain; charset=utf-8"),
                        ("Content-Transfer-Encoding", "quoted-printable")]) + "\n" + qp(plain)
    if "text" in (case.variant or ""):
        plain = (case.body + sig_text(case) + "\n\n\n" + "\n".join(f"{a} {b}" for a, b in rows)
                 + "\n\n" + quote_gt([l for l, _ in prompt_lines(case)]) + "\n")
        return headers(case, prefix + prompt_subject(case), mid, common + [
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "quoted-printable")]) + "\n" + qp(plain)
    quoted = prompt_html(case, case.inline, color="#3366ff")
    htm = ('<html><head></head><body><div style="font-family: Verdana;font-size: 12.0px;">'
           + h_lines(case.body) + sig_html(case)
           + "<div>&nbsp;</div><div>&nbsp;</div>"
           '<div name="quote" style="margin:10px 5px 5px 10px; padding: 10px 0 10px 10px; '
           'border-left:2px solid #C3D9E5; word-wrap: break-word; -webkit-nbsp-mode: space; '
           '-webkit-line-break: after-white-space;"><div style="margin:0 0 10px 0;">'
           + "<br/>".join(f"<b>{esc(a)}</b>&nbsp;{esc(b)}" for a, b in rows)
           + f'</div><div name="quoted-content">{quoted}</div></div></div></body></html>')
    return headers(case, prefix + prompt_subject(case), mid, common + [
        ("Content-Type", "text/html; charset=UTF-8"),
        ("Content-Transfer-Encoding", "quoted-printable")]) + "\n" + qp(htm)


def zimbra(case):
    lang = case.locale
    p = case.prompt_at
    title, lab, when = head(ZIMBRA_HEAD, case)
    rows = [(lab[0], f'"{PROGRAM}" <{program_addr(case)}>'), (lab[1], f'"{case.name}" <{case.addr}>'),
            (lab[2], when), (lab[3], prompt_subject(case))]
    if case.inline:
        quoted_plain = inline_plain(case)
        quoted_html = split_blockquote(
            case, 'style="border-left:2px solid #1010FF;margin-left:5px;padding-left:5px;'
            'color:#000;font-weight:normal;font-style:normal;text-decoration:none;'
            'font-family:Helvetica,Arial,sans-serif;font-size:12pt;"')
    else:
        quoted_plain = quote_gt([l for l, _ in prompt_lines(case)])
        quoted_html = ('<blockquote style="border-left:2px solid #1010FF;margin-left:5px;'
                       'padding-left:5px;color:#000;font-weight:normal;font-style:normal;'
                       'text-decoration:none;font-family:Helvetica,Arial,sans-serif;'
                       'font-size:12pt;">' + prompt_html(case) + "</blockquote>")
    plain = (case.body + sig_text(case) + "\n\n" + title + "\n" + "\n".join(
        f"{a} {b}" for a, b in rows) + "\n\n" + quoted_plain + "\n")
    htm = ('<html><body><div style="font-family: arial, helvetica, sans-serif; font-size: 12pt; '
           'color: #000000">' + h_lines(case.body) + sig_html(case)
           + '<div><br></div><hr id="zwchr" data-marker="__DIVIDER__"><div data-marker='
           '"__HEADERS__"><blockquote style="border-left:2px solid #1010FF;margin-left:5px;'
           'padding-left:5px;color:#000;font-weight:normal;font-style:normal;text-decoration:'
           'none;font-family:Helvetica,Arial,sans-serif;font-size:12pt;">'
           + "".join(f"<b>{esc(a)} </b>{esc(b)}<br>" for a, b in rows)
           + '</blockquote></div><div data-marker="__QUOTED_TEXT__">' + quoted_html
           + "</div></div></body></html>")
    b = f"=_{uuid(case, 'b')}"
    mid = f"<{int(seed(case, 'm')[:8], 16)}.{int(seed(case, 'n')[:6], 16)}.{case.stamp}.JavaMail.zimbra@{case.addr.split('@')[1]}>"
    return headers(case, ("Re: " if lang != "de" else "AW: ") + prompt_subject(case), mid, [
        ("MIME-Version", "1.0"),
        ("Content-Type", f'multipart/alternative; boundary="{b}"'),
        ("X-Mailer", "Zimbra 10.0.8_GA_4667 (ZimbraWebClient - GC131 (Win)/10.0.8_GA_4667)"),
        ("Thread-Topic", prompt_subject(case)),
        ("Thread-Index", base64.b64encode(bytes.fromhex(seed(case, 't')[:24])).decode()),
    ]) + "\n" + alternative(b, encode_part("text/plain", plain, "utf-8"),
                            encode_part("text/html", htm, "utf-8"))


def samsung(case):
    lang = case.locale
    p = case.prompt_at
    title, lab, when = head(SAMSUNG_HEAD, case)
    rows = [f"{lab[0]} {PROGRAM} <{program_addr(case)}> ", f"{lab[1]} {when} ",
            f"{lab[2]} {case.name} <{case.addr}> ", f"{lab[3]} {prompt_subject(case)} "]
    sent = SENT_FROM_SAMSUNG[lang]
    plain = (case.body + sig_text(case) + "\n\n\n\n" + sent + "\n\n\n" + title + "\n"
             + "\n".join(rows) + "\n\n" + "\n".join(l for l, _ in prompt_lines(case)) + "\n")
    htm = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head>'
           '<body><div dir="auto">' + h_lines(case.body) + sig_html(case) + "</div>"
           '<div dir="auto"><br></div><div dir="auto"><br></div><div id="composer_signature" '
           f'dir="auto"><div style="font-size:85%;color:#575757" dir="auto">{esc(sent)}</div></div>'
           '<div dir="auto"><br></div><div><br></div><div align="left" dir="auto" '
           'style="font-size:100%;color:#000000"><div>' + esc(title) + "</div>"
           + "".join(f"<div>{esc(r)}</div>" for r in rows) + "<div><br></div></div>"
           + prompt_html(case) + "</body></html>")
    b = f"--_com.samsung.android.email_{int(seed(case, 'b')[:12], 16)}"
    mid = f"<{seed(case, 'm')[:24]}.{case.stamp}@email.android.com>"
    return headers(case, "Re: " + prompt_subject(case), mid, [
        ("MIME-Version", "1.0"),
        ("Content-Type", f'multipart/alternative; boundary="{b}"'),
        ("Importance", "Normal"),
        ("X-Priority", "3"),
    ]) + "\n" + alternative(b, encode_part("text/plain", plain, "UTF-8", "base64"),
                            encode_part("text/html", htm, "UTF-8", "base64"))


def notes(case):
    """HCL/IBM Notes: the From/To/Date/Subject table (tab separated) or 'X wrote on ...',
    US-ASCII or ISO-8859-1, <font size=2 face="sans-serif">, the disclaimer."""
    lang = case.locale
    p = case.prompt_at
    if case.variant == "wrote":
        attr = line(NOTES_WROTE, case)
        block = [attr, ""]
        quoted = quote_gt([l for l, _ in prompt_lines(case, case.inline)])
        if case.inline:
            quoted = inline_plain(case)
    else:
        _, lab, dfmt = head(NOTES_HEAD, case)
        block = [f"{lab[0]}\t{PROGRAM} <{program_addr(case)}>", f"{lab[1]}\t{case.name} <{case.addr}>",
                f"{lab[2]}\t{dfmt}", f"{lab[3]}\t{prompt_subject(case)}", ""]
        quoted = "\n".join(l for l, _ in prompt_lines(case, case.inline))
    disclaimer = ("\n\nAcme GmbH, Sitz der Gesellschaft: München, Registergericht München HRB 123456\n"
                  "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige "
                  "Adressat sind, informieren Sie bitte sofort den Absender.\n"
                  "This e-mail contains confidential information. If you are not the intended "
                  "recipient, please notify the sender immediately.")
    plain = (case.body + sig_text(case) + disclaimer + "\n\n\n\n" + "\n".join(block) + "\n"
             + quoted + "\n")
    htm = ('<html><body><p><font size=2 face="sans-serif">' + "<br>".join(
        esc(l) for l in (case.body + sig_text(case)).split("\n")) + "</font><br><br>"
        '<font size=1 face="sans-serif">' + "<br>".join(esc(l) for l in disclaimer.strip().split("\n"))
        + '</font><br><br><br><br><font size=1 color=#5f5f5f face="sans-serif">' + "<br>".join(
            esc(l) for l in block) + "</font><br>" + prompt_html(case, case.inline, "#ff0000")
        + "</body></html>")
    b = f"=_alternative {seed(case, 'b')[:16].upper()}_="
    charset = "ISO-8859-1" if lang != "en" else "US-ASCII"
    mid = (f"<OF{seed(case, 'm')[:8].upper()}.{seed(case, 'n')[:8].upper()}-ON"
           f"C1258B{seed(case, 'o')[:2].upper()}.003E{seed(case, 'p')[:4].upper()}-C1258B"
           f"{seed(case, 'q')[:2].upper()}.003E{seed(case, 'r')[:4].upper()}@acme.example>")
    subject = ("AW: " if lang == "de" else "Re: ") + prompt_subject(case)
    try:
        plain.encode(charset)
    except UnicodeEncodeError:
        charset = "UTF-8"
    return headers(case, subject, mid, [
        ("MIME-Version", "1.0"),
        ("X-Mailer", "HCL Notes Release 12.0.2 November 03, 2022"),
        ("X-MIMETrack", "Serialize by Router on NOTES01/SRV/Acme(Release 12.0.2FP2|June 13, 2023) "
                        f"at {p.day:02d}.{p.month:02d}.{p.year} {hhmm(p)}:41"),
        ("Content-Type", f'multipart/alternative; boundary="{b}"'),
    ]) + "\nThis is a multipart message in MIME format.\n" + alternative(
        b, encode_part("text/plain", plain, f'"{charset}"'),
        encode_part("text/html", htm, f'"{charset}"'))


PROTON_LINK = '<a target="_blank" href="https://proton.me/mail/home">Proton Mail</a>'


def proton(case):
    lang = case.locale
    attr = proton_attr(case)
    sent = PROTON_SENT[lang]
    plain = (case.body + sig_text(case) + "\n\n" + sent + "\n\n" + attr + "\n\n"
             + quote_gt([l for l, _ in prompt_lines(case)]) + "\n")
    htm = ('<div style="font-family: Arial, sans-serif; font-size: 14px;">'
           + h_lines(case.body) + sig_html(case) + "</div>"
           '<div style="font-family: Arial, sans-serif; font-size: 14px;"><br></div>'
           '<div class="protonmail_signature_block" style="font-family: Arial, sans-serif; '
           'font-size: 14px;"><div class="protonmail_signature_block-user '
           'protonmail_signature_block-empty"></div><div class="protonmail_signature_block-proton">'
           + esc(sent).replace("Proton Mail", PROTON_LINK) +
           '</div></div><div style="font-family: Arial, sans-serif; font-size: 14px;"><br></div>'
           f'<div class="protonmail_quote">{esc(attr)}<br><blockquote class="protonmail_quote" '
           f'type="cite">{prompt_html(case)}</blockquote><br></div>')
    b = "b1=_" + seed(case, "b")[:42]
    mid = f"<{base64.urlsafe_b64encode(bytes.fromhex(seed(case, 'm')[:60])).decode()}=@proton.me>"
    alt = alternative(b, encode_part("text/plain", plain, "utf-8", "base64"),
                      encode_part("text/html", htm, "utf-8", "base64"))
    extra = [("X-Pm-Message-Id", base64.b64encode(bytes.fromhex(seed(case, 'x')[:60])).decode() + "=="),
             ("Feedback-ID", "1234567:user:proton"), ("X-Pm-Origin", "internal"),
             ("X-Pm-Content-Encryption", "end-to-end"), ("MIME-Version", "1.0")]
    if case.variant == "key":
        mb = "b2=_" + seed(case, "c")[:42]
        key = b64("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZw" + seed(case, "k")
                  + "\n-----END PGP PUBLIC KEY BLOCK-----\n")
        body = (f"This is a multi-part message in MIME format.\n\n--{mb}\n"
                f'Content-Type: multipart/alternative; boundary="{b}"\n\n{alt}\n'
                f"--{mb}\nContent-Type: application/pgp-keys; filename=\"publickey - "
                f"{case.addr} - 0x{seed(case, 'k')[:8].upper()}.asc\"; name=\"publickey - "
                f"{case.addr} - 0x{seed(case, 'k')[:8].upper()}.asc\"\n"
                "Content-Transfer-Encoding: base64\nContent-Disposition: attachment; "
                f"filename=\"publickey - {case.addr} - 0x{seed(case, 'k')[:8].upper()}.asc\"; "
                f"name=\"publickey - {case.addr} - 0x{seed(case, 'k')[:8].upper()}.asc\"\n\n"
                f"{key}\n--{mb}--\n")
        return headers(case, "Re: " + prompt_subject(case), mid, extra + [
            ("Content-Type", f'multipart/mixed;\n boundary="{mb}"')]) + "\n" + body
    return headers(case, "Re: " + prompt_subject(case), mid, extra + [
        ("Content-Type", f'multipart/alternative;\n boundary="{b}"')]) + "\n" + alt


RENDER = {
    "outlook-desktop": outlook_desktop,
    "outlook-web": lambda c: outlook_web(c, None),
    "outlook-ios": lambda c: outlook_web(c, "ios"),
    "outlook-android": lambda c: outlook_web(c, "android"),
    "gmail-web": lambda c: gmail(c, False),
    "gmail-mobile": lambda c: gmail(c, True),
    "apple-mail": lambda c: apple(c, False),
    "iphone": lambda c: apple(c, True),
    "thunderbird": thunderbird,
    "yahoo": yahoo,
    "gmx": gmx,
    "zimbra": zimbra,
    "samsung": samsung,
    "notes": notes,
    "proton": proton,
}
