//! The quote markers of more mail clients (issue 15): one table of plain-text bodies, one of
//! HTML bodies (through [`crate::inbound::html::to_text`], as the pipeline does), each with
//! the new text the sender wrote above the quote and, for some, answers typed between quoted
//! lines. The shapes follow what each client sends: Zimbra, Yahoo, GMX/Web.de, Outlook.com and
//! Outlook mobile, Samsung and Android mail, Lotus Notes, Proton, and forwarded prompts.

use super::trim;
use crate::inbound::html::to_text;

/// (case, body, the new text `trim` must keep)
type Case = (&'static str, &'static str, &'static str);

const TEXT: &[Case] = &[
    (
        "zimbra_en_original_message",
        "Yes, we met on Tuesday for 45 minutes.\n\n----- Original Message -----\nFrom: \"Acme Reverse Mentoring\" <mentoring+t4o8k@acme.example>\nTo: \"Lea Braun\" <lea.braun@acme.example>\nSent: Monday, 12 January, 2027 10:02:11\nSubject: How did this week go?\n\nHow did this week go?\n",
        "Yes, we met on Tuesday for 45 minutes.",
    ),
    (
        "zimbra_de_urspruengliche_mail",
        "Ja, wir haben uns am Dienstag getroffen.\n\n----- Ursprüngliche Mail -----\nVon: \"Acme Reverse Mentoring\" <mentoring+t4o8k@acme.example>\nAn: \"Lea Braun\" <lea.braun@acme.example>\nGesendet: Montag, 12. Januar 2027 10:02:11\nBetreff: Wie lief diese Woche?\n\nWie lief diese Woche?\n",
        "Ja, wir haben uns am Dienstag getroffen.",
    ),
    (
        "zimbra_fr_mail_original",
        "Oui, une heure mardi.\n\n----- Mail original -----\nDe: \"Acme Reverse Mentoring\" <mentoring+t4o8k@acme.example>\nÀ: \"Lea Braun\" <lea.braun@acme.example>\nEnvoyé: Lundi 12 Janvier 2027 10:02:11\nObjet: Comment s'est passée la semaine ?\n\nComment s'est passée la semaine ?\n",
        "Oui, une heure mardi.",
    ),
    (
        "zimbra_fr_prefixed_quote_with_inline_answers",
        "----- Mail original -----\n> De: \"Acme Reverse Mentoring\" <mentoring+t4o8k@acme.example>\n> À: \"Lea Braun\" <lea.braun@acme.example>\n> Envoyé: Lundi 12 Janvier 2027 10:02:11\n> Objet: Comment s'est passée la semaine ?\n\n> Met:\nyes\n> Minutes:\n45\n> Anything else?\nIt was great.\n",
        "Met: yes\nMinutes: 45\nIt was great.",
    ),
    (
        "yahoo_en_wrote",
        "We met on Tuesday, about an hour.\n\nSent from Yahoo Mail on Android\n\n    On Monday, 12 January 2027, 10:02:11 GMT, Acme Reverse Mentoring <mentoring+t4o8k@acme.example> wrote:\n\n  How did this week go?\n",
        "We met on Tuesday, about an hour.",
    ),
    (
        "yahoo_en_wrote_without_footer",
        "We met on Tuesday, about an hour.\n\n    On Monday, 12 January 2027, 10:02:11 GMT, Ann Lee <ann.lee@acme.example> wrote:\n\n  How did this week go?\n",
        "We met on Tuesday, about an hour.",
    ),
    (
        "yahoo_de_folgendes_geschrieben",
        "Ja, 30 Minuten am Montag.\n\n    Am Montag, 12. Januar 2027, 10:02:11 MEZ hat Acme Reverse Mentoring <mentoring+t4o8k@acme.example> Folgendes geschrieben:\n\n  Wie lief diese Woche?\n",
        "Ja, 30 Minuten am Montag.",
    ),
    (
        "yahoo_inline_answers",
        "On Monday, 12 January 2027, 10:02:11 GMT, Acme Reverse Mentoring <mentoring+t4o8k@acme.example> wrote:\n\n> Did you meet?\nYes, on Tuesday.\n> How long?\nAn hour.\n",
        "Yes, on Tuesday.\nAn hour.",
    ),
    (
        "gmx_de_gesendet_block",
        "Ja, wir haben uns getroffen, 45 Minuten.\n\nGesendet: Montag, 12. Januar 2027 um 10:02 Uhr\nVon: \"Acme Reverse Mentoring\" <mentoring+t4o8k@acme.example>\nAn: lea.braun@web.de\nBetreff: Wie lief diese Woche?\n\nWie lief diese Woche?\n",
        "Ja, wir haben uns getroffen, 45 Minuten.",
    ),
    (
        "gmx_en_sent_block",
        "Yes, we met for 45 minutes.\n\nSent: Monday, January 12, 2027 at 10:02 AM\nFrom: \"Acme Reverse Mentoring\" <mentoring+t4o8k@acme.example>\nTo: lea.braun@gmx.com\nSubject: How did this week go?\n\nHow did this week go?\n",
        "Yes, we met for 45 minutes.",
    ),
    (
        "gmx_de_prefixed_quote_with_inline_answers",
        "Gesendet: Montag, 12. Januar 2027 um 10:02 Uhr\nVon: \"Acme Reverse Mentoring\" <mentoring+t4o8k@acme.example>\nAn: lea.braun@web.de\nBetreff: Wie lief diese Woche?\n\n> Getroffen:\nja\n> Minuten:\n30\n",
        "Getroffen: ja\nMinuten: 30",
    ),
    (
        "outlook_com_en_block",
        "Met yes, 45 min on Tuesday.\n\n________________________________\nFrom: Acme Reverse Mentoring <mentoring+t4o8k@acme.example>\nSent: Monday, January 12, 2027 10:02 AM\nTo: Tom Okafor <tom.okafor@outlook.com>\nSubject: How did this week go?\n\nHow did this week go?\n",
        "Met yes, 45 min on Tuesday.",
    ),
    (
        "outlook_com_es_block",
        "Sí, nos vimos el martes una hora.\n\n________________________________\nDe: Acme Reverse Mentoring <mentoring+t4o8k@acme.example>\nEnviado: lunes, 12 de enero de 2027 10:02\nPara: Ana Ruiz <ana.ruiz@outlook.es>\nAsunto: ¿Qué tal esta semana?\n\n¿Qué tal esta semana?\n",
        "Sí, nos vimos el martes una hora.",
    ),
    (
        "outlook_com_nl_block_without_rule",
        "Ja, dinsdag een uur.\n\nVan: Acme Reverse Mentoring <mentoring+t4o8k@acme.example>\nVerzonden: maandag 12 januari 2027 10:02\nAan: Joost de Vries <joost@outlook.nl>\nOnderwerp: Hoe ging het deze week?\n\nHoe ging het deze week?\n",
        "Ja, dinsdag een uur.",
    ),
    (
        "outlook_ios_footer_en",
        "Yes, 30 minutes on Monday.\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n________________________________\nFrom: Acme Reverse Mentoring <mentoring+t4o8k@acme.example>\nSent: Monday, January 12, 2027 10:02:11 AM\nTo: Tom Okafor <tom.okafor@acme.example>\nSubject: How did this week go?\n",
        "Yes, 30 minutes on Monday.",
    ),
    (
        "outlook_android_footer_es",
        "Sí, el lunes, 30 minutos.\n\nObtener Outlook para Android<https://aka.ms/AAb9ysg>\n\nDe: Acme Reverse Mentoring <mentoring+t4o8k@acme.example>\nEnviado: Monday, January 12, 2027 10:02:11 AM\nPara: Ana Ruiz <ana.ruiz@acme.example>\nAsunto: ¿Qué tal esta semana?\n",
        "Sí, el lunes, 30 minutos.",
    ),
    (
        "outlook_ios_footer_de",
        "Ja, 30 Minuten am Montag.\n\nOutlook für iOS beziehen<https://aka.ms/o0ukef>\n",
        "Ja, 30 Minuten am Montag.",
    ),
    (
        "samsung_en_original_message",
        "We met on Tuesday, an hour. Great talk.\n\n\n\nSent from my Galaxy\n\n\n-------- Original message --------\nFrom: Acme Reverse Mentoring <mentoring+t4o8k@acme.example> \nDate: 12/01/2027 10:02 (GMT+00:00) \nTo: Tom Okafor <tom.okafor@acme.example> \nSubject: How did this week go? \n\nHow did this week go?\n",
        "We met on Tuesday, an hour. Great talk.",
    ),
    (
        "samsung_en_without_footer",
        "We met on Tuesday, an hour.\n\n-------- Original message --------\nFrom: Acme Reverse Mentoring <mentoring+t4o8k@acme.example> \nDate: 12/01/2027 10:02 (GMT+00:00) \nTo: Tom Okafor <tom.okafor@acme.example> \nSubject: How did this week go? \n\nHow did this week go?\n",
        "We met on Tuesday, an hour.",
    ),
    (
        "samsung_de",
        "Ja, Dienstag, eine Stunde.\n\n\n\nVon meinem Samsung Galaxy Smartphone gesendet.\n\n\n-------- Ursprüngliche Nachricht --------\nVon: Acme Reverse Mentoring <mentoring+t4o8k@acme.example> \nDatum: 12.01.27 10:02 (GMT+01:00) \nAn: Lea Braun <lea.braun@acme.example> \nBetreff: Wie lief diese Woche? \n\nWie lief diese Woche?\n",
        "Ja, Dienstag, eine Stunde.",
    ),
    (
        "samsung_fr",
        "Oui, mardi, une heure.\n\n-------- Message d'origine --------\nDe : Acme Reverse Mentoring <mentoring+t4o8k@acme.example> \nDate : 12/01/2027 10:02 (GMT+01:00) \nÀ : Claire Martin <claire.martin@acme.example> \nObjet : Comment s'est passée la semaine ? \n\nComment s'est passée la semaine ?\n",
        "Oui, mardi, une heure.",
    ),
    (
        "samsung_es",
        "Sí, el martes, una hora.\n\n\n\nEnviado desde mi smartphone Samsung Galaxy.\n\n\n-------- Mensaje original --------\nDe: Acme Reverse Mentoring <mentoring+t4o8k@acme.example> \nFecha: 12/1/27 10:02 (GMT+01:00) \nPara: Ana Ruiz <ana.ruiz@acme.example> \nAsunto: ¿Qué tal esta semana? \n",
        "Sí, el martes, una hora.",
    ),
    (
        "samsung_nl",
        "Ja, dinsdag een uur.\n\n-------- Oorspronkelijk bericht --------\nVan: Acme Reverse Mentoring <mentoring+t4o8k@acme.example> \nDatum: 12-01-2027 10:02 (GMT+01:00) \nAan: Joost de Vries <joost@acme.example> \nOnderwerp: Hoe ging het deze week? \n",
        "Ja, dinsdag een uur.",
    ),
    (
        "android_original_message_prefixed_inline_answers",
        "-------- Original message --------\nFrom: Acme Reverse Mentoring <mentoring+t4o8k@acme.example>\nDate: 12/01/2027 10:02 (GMT+00:00)\nTo: Tom Okafor <tom.okafor@acme.example>\nSubject: How did this week go?\n\n> Met:\nyes\n> Rating:\n4\n",
        "Met: yes\nRating: 4",
    ),
    (
        "notes_wrote_on",
        "Yes, we met on Tuesday for an hour.\n\nAnn Lee/Acme wrote on 12.01.2027 10:02:\n\nHow did this week go?\n",
        "Yes, we met on Tuesday for an hour.",
    ),
    (
        "notes_wrote_on_with_address_and_seconds",
        "Met: yes\nMinutes: 60\n\n\"Acme Reverse Mentoring\" <mentoring+t4o8k@acme.example> wrote on 12/01/2027 10:02:11:\n\n> How did this week go?\n",
        "Met: yes\nMinutes: 60",
    ),
    (
        "notes_de_schrieb_am",
        "Ja, eine Stunde.\n\nAnn Lee/Acme schrieb am 12.01.2027 10:02:\n\nWie lief diese Woche?\n",
        "Ja, eine Stunde.",
    ),
    (
        "notes_from_block_with_tabs",
        "We met on Tuesday.\n\n\n\nFrom:\tAnn Lee/Acme@Acme\nTo:\tTom Okafor/Acme@Acme\nDate:\t12.01.2027 10:02\nSubject:\tHow did this week go?\n\n\n\nHow did this week go?\n",
        "We met on Tuesday.",
    ),
    (
        "notes_forwarded_by",
        "Tom, this one is for both of us. We met on Tuesday.\n\n----- Forwarded by Ann Lee/Acme on 12.01.2027 10:05 -----\n\nAcme Reverse Mentoring <mentoring+t4o8k@acme.example> \n12.01.2027 10:02\n\nHow did this week go?\n",
        "Tom, this one is for both of us. We met on Tuesday.",
    ),
    (
        "notes_forwarded_by_de",
        "Bitte beantworten.\n\n----- Weitergeleitet von Ann Lee/Acme am 12.01.2027 10:05 -----\n\nWie lief diese Woche?\n",
        "Bitte beantworten.",
    ),
    (
        "notes_wrote_dash_header",
        "Yes, an hour.\n\n-----\"Acme Reverse Mentoring\" <mentoring+t4o8k@acme.example> wrote: -----\nTo: Ann Lee/Acme@Acme\nFrom: \"Acme Reverse Mentoring\" <mentoring+t4o8k@acme.example>\nDate: 12.01.2027 10:02\nSubject: How did this week go?\n\nHow did this week go?\n",
        "Yes, an hour.",
    ),
    (
        "proton_footer_and_original_message",
        "Yes, 45 minutes on Tuesday.\n\nSent with Proton Mail secure email.\n\n------- Original Message -------\nOn Monday, January 12th, 2027 at 10:02 AM, Acme Reverse Mentoring <mentoring+t4o8k@acme.example> wrote:\n\n\n> How did this week go?\n",
        "Yes, 45 minutes on Tuesday.",
    ),
    (
        "proton_original_message_without_footer",
        "Yes, 45 minutes on Tuesday.\n\n------- Original Message -------\nOn Monday, January 12th, 2027 at 10:02 AM, Acme Reverse Mentoring <mentoring+t4o8k@acme.example> wrote:\n\n\n> How did this week go?\n",
        "Yes, 45 minutes on Tuesday.",
    ),
    (
        "proton_inline_answers",
        "------- Original Message -------\nOn Monday, January 12th, 2027 at 10:02 AM, Acme Reverse Mentoring <mentoring+t4o8k@acme.example> wrote:\n\n\n> Did you meet?\nYes.\n> For how long?\n45 minutes.\n",
        "Yes.\n45 minutes.",
    ),
    (
        "proton_de_footer",
        "Ja.\n\nGesendet mit der sicheren E-Mail von Proton Mail.\n\n------- Original Message -------\n",
        "Ja.",
    ),
    (
        "gmail_forwarded_prompt",
        "Tom, could you answer this for both of us? We met on Tuesday for an hour.\n\n---------- Forwarded message ---------\nFrom: Acme Reverse Mentoring <mentoring+t4o8k@acme.example>\nDate: Mon, 12 Jan 2027 at 10:02\nSubject: How did this week go?\nTo: Lea Braun <lea.braun@acme.example>\n\n\nHow did this week go?\n",
        "Tom, could you answer this for both of us? We met on Tuesday for an hour.",
    ),
    (
        "thunderbird_forwarded_prompt",
        "FYI, we met.\n\n\n-------- Forwarded Message --------\nSubject: \tHow did this week go?\nDate: \tMon, 12 Jan 2027 10:02:11 +0000\nFrom: \tAcme Reverse Mentoring <mentoring+t4o8k@acme.example>\nTo: \tLea Braun <lea.braun@acme.example>\n\nHow did this week go?\n",
        "FYI, we met.",
    ),
    (
        "yahoo_forwarded_prompt",
        "See below, we met Tuesday.\n\n----- Forwarded Message -----\nFrom: Acme Reverse Mentoring <mentoring+t4o8k@acme.example>\nTo: Ann Lee <ann.lee@yahoo.com>\nSent: Monday, 12 January 2027, 10:02:11 GMT\nSubject: How did this week go?\n\nHow did this week go?\n",
        "See below, we met Tuesday.",
    ),
    (
        "apple_forwarded_prompt",
        "Forwarding to you.\n\nBegin forwarded message:\n\n> From: Acme Reverse Mentoring <mentoring+t4o8k@acme.example>\n> Subject: How did this week go?\n> Date: 12 January 2027 at 10:02:11 GMT\n> To: Lea Braun <lea.braun@acme.example>\n>\n> How did this week go?\n",
        "Forwarding to you.",
    ),
    (
        "forward_with_nothing_above_is_quote_only",
        "---------- Forwarded message ---------\nFrom: Acme Reverse Mentoring <mentoring+t4o8k@acme.example>\nDate: Mon, 12 Jan 2027 at 10:02\nSubject: How did this week go?\nTo: Lea Braun <lea.braun@acme.example>\n\nHow did this week go?\n",
        "",
    ),
    (
        "sent_label_in_prose_is_kept",
        "Sent: the form, on Monday.\nFrom: me, with thanks.\n",
        "Sent: the form, on Monday.\nFrom: me, with thanks.",
    ),
];

const HTML: &[Case] = &[
    (
        "zimbra_hr_zwchr_headers_and_quoted_text",
        r##"<html><body><div style="font-family: arial, helvetica, sans-serif; font-size: 12pt; color: #000000"><div>Yes, we met on Tuesday for 45 minutes.</div><div><br></div><hr id="zwchr" data-marker="__DIVIDER__"><div data-marker="__HEADERS__"><blockquote style="border-left:2px solid #1010FF;margin-left:5px;padding-left:5px;"><b>From: </b>"Acme Reverse Mentoring" &lt;mentoring+t4o8k@acme.example&gt;<br><b>To: </b>"Lea Braun" &lt;lea.braun@acme.example&gt;<br><b>Sent: </b>Monday, 12 January, 2027 10:02:11<br><b>Subject: </b>How did this week go?<br></blockquote></div><div data-marker="__QUOTED_TEXT__"><blockquote style="border-left:2px solid #1010FF;margin-left:5px;padding-left:5px;"><div>How did this week go?</div></blockquote></div></div></body></html>"##,
        "Yes, we met on Tuesday for 45 minutes.",
    ),
    (
        "zimbra_quoted_text_div_without_blockquote",
        r##"<div>Oui, une heure.</div><div><br></div><hr id="zwchr" data-marker="__DIVIDER__"><div data-marker="__HEADERS__"><b>De: </b>"Acme Reverse Mentoring" &lt;mentoring+t4o8k@acme.example&gt;<br><b>À: </b>"Claire Martin" &lt;claire.martin@acme.example&gt;<br><b>Envoyé: </b>Lundi 12 Janvier 2027 10:02:11<br><b>Objet: </b>Comment s'est passée la semaine ?<br></div><br><div data-marker="__QUOTED_TEXT__"><div>Comment s'est passée la semaine ?</div></div>"##,
        "Oui, une heure.",
    ),
    (
        "zimbra_old_hr_zwchr_then_plain_header_div",
        r##"<div>Ja, 30 Minuten.</div><br><hr id="zwchr"><div style="color:#000;font-weight:normal;"><b>Von: </b>"Acme Reverse Mentoring" &lt;mentoring+t4o8k@acme.example&gt;<br><b>An: </b>"Lea Braun" &lt;lea.braun@acme.example&gt;<br><b>Gesendet: </b>Montag, 12. Januar 2027 10:02:11<br><b>Betreff: </b>Wie lief diese Woche?<br></div><br><div>Wie lief diese Woche?</div>"##,
        "Ja, 30 Minuten.",
    ),
    (
        "zimbra_inline_answers_between_quote_blocks",
        r##"<hr id="zwchr" data-marker="__DIVIDER__"><div data-marker="__HEADERS__"><b>From: </b>"Acme Reverse Mentoring" &lt;mentoring+t4o8k@acme.example&gt;<br><b>To: </b>"Lea Braun" &lt;lea.braun@acme.example&gt;<br><b>Sent: </b>Monday, 12 January, 2027 10:02:11<br><b>Subject: </b>How did this week go?<br></div><div data-marker="__QUOTED_TEXT__"><blockquote style="border-left:2px solid #1010FF;">Did you meet?</blockquote><div>Yes, on Tuesday.</div><blockquote style="border-left:2px solid #1010FF;">How long?</blockquote><div>An hour.</div></div>"##,
        "Yes, on Tuesday.\nAn hour.",
    ),
    (
        "yahoo_quoted_div",
        r##"<html><head></head><body><div class="ydp5e6f3c2ayahoo-style-wrap" style="font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;"><div dir="ltr" data-setdir="false">We met on Tuesday, about an hour.</div></div><div id="yahoo_quoted_4417703112" class="yahoo_quoted"><div style="font-family:'Helvetica Neue', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;"><div>On Monday, 12 January 2027, 10:02:11 GMT, Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt; wrote:</div><div><br></div><div><br></div><div><div dir="ltr">How did this week go?</div></div></div></div></body></html>"##,
        "We met on Tuesday, about an hour.",
    ),
    (
        "yahoo_quoted_prefixed_class_on_a_second_reply",
        r##"<div class="ydp1b2c3d4yahoo-style-wrap"><div>Yes, 30 minutes.</div><div><br></div><div id="ydp1b2c3d4yahoo_quoted_9921" class="ydp1b2c3d4yahoo_quoted"><div style="font-family:'Helvetica Neue', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;"><div>On Monday, 12 January 2027, 10:02:11 GMT, Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt; wrote:</div><div><br></div><div>How did this week go?</div></div></div></div>"##,
        "Yes, 30 minutes.",
    ),
    (
        "yahoo_de_geschrieben",
        r##"<div class="yahoo-style-wrap"><div>Ja, am Montag.</div></div><div id="yahoo_quoted_1" class="yahoo_quoted"><div>Am Montag, 12. Januar 2027, 10:02:11 MEZ hat Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt; Folgendes geschrieben:</div><div><br></div><div>Wie lief diese Woche?</div></div>"##,
        "Ja, am Montag.",
    ),
    (
        "gmx_name_quote_div",
        r##"<html><head></head><body><div style="font-family: Verdana;font-size: 12.0px;"><div>Ja, wir haben uns am Dienstag getroffen, 45 Minuten.</div><div>&nbsp;</div><div>&nbsp;
<div name="quote" style="margin:10px 5px 5px 10px; padding: 10px 0 10px 10px; border-left:2px solid #C3D9E5; word-wrap: break-word; -webkit-nbsp-mode: space; -webkit-line-break: after-white-space;"><div style="margin:0 0 10px 0;"><b>Gesendet:</b>&nbsp;Montag, 12. Januar 2027 um 10:02 Uhr<br/><b>Von:</b>&nbsp;"Acme Reverse Mentoring" &lt;mentoring+t4o8k@acme.example&gt;<br/><b>An:</b>&nbsp;lea.braun@web.de<br/><b>Betreff:</b>&nbsp;Wie lief diese Woche?</div><div name="quoted-content"><div>Wie lief diese Woche?</div></div></div></div></div></body></html>"##,
        "Ja, wir haben uns am Dienstag getroffen, 45 Minuten.",
    ),
    (
        "webde_name_quote_with_inline_answers",
        r##"<div>&nbsp;</div><div name="quote" style="border-left:2px solid #C3D9E5;"><div style="margin:0 0 10px 0;"><b>Gesendet:</b>&nbsp;Montag, 12. Januar 2027 um 10:02 Uhr<br/><b>Von:</b>&nbsp;"Acme Reverse Mentoring" &lt;mentoring+t4o8k@acme.example&gt;<br/><b>An:</b>&nbsp;lea.braun@web.de<br/><b>Betreff:</b>&nbsp;Wie lief diese Woche?</div><div name="quoted-content">Getroffen:</div></div><div>ja</div><div name="quote"><div name="quoted-content">Minuten:</div></div><div>30</div>"##,
        "Getroffen: ja\nMinuten: 30",
    ),
    (
        "outlook_com_divrplyfwdmsg",
        r##"<html><body dir="ltr"><div class="elementToProof" style="font-family: Aptos, sans-serif;">Met yes, 45 min on Tuesday.</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt;<br><b>Sent:</b> Monday, January 12, 2027 10:02 AM<br><b>To:</b> Tom Okafor<br><b>Subject:</b> How did this week go?</font><div>&nbsp;</div></div><div>How did this week go?</div></body></html>"##,
        "Met yes, 45 min on Tuesday.",
    ),
    (
        "outlook_com_es_divrplyfwdmsg_without_appendonsend",
        r##"<div dir="ltr">Sí, el martes, una hora.</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt"><b>De:</b> Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt;<br><b>Enviado:</b> lunes, 12 de enero de 2027 10:02<br><b>Para:</b> Ana Ruiz<br><b>Asunto:</b> ¿Qué tal esta semana?</font></div><div>¿Qué tal esta semana?</div>"##,
        "Sí, el martes, una hora.",
    ),
    (
        "outlook_com_nl_header_block_without_ids",
        r##"<div>Ja, dinsdag een uur.</div><div><br></div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p><b>Van:</b> Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt;<br><b>Verzonden:</b> maandag 12 januari 2027 10:02<br><b>Aan:</b> Joost de Vries &lt;joost@outlook.nl&gt;<br><b>Onderwerp:</b> Hoe ging het deze week?</p></div><p>Hoe ging het deze week?</p>"##,
        "Ja, dinsdag een uur.",
    ),
    (
        "outlook_ios_mobile_signature_and_reference_message",
        r##"<html><body><div dir="auto">Yes, 30 minutes on Monday.</div><div dir="auto"><br></div><div id="ms-outlook-mobile-signature" dir="auto">Get <a href="https://aka.ms/o0ukef">Outlook for iOS</a></div><div id="ms-outlook-mobile-body-separator-line" dir="auto"><hr style="display:inline-block;width:98%"></div><div id="mail-editor-reference-message-container" dir="auto"><div class="ms-outlook-mobile-reference-message skipProofing"><b>From:</b> Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt;<br><b>Sent:</b> Monday, January 12, 2027 10:02:11 AM<br><b>To:</b> Tom Okafor<br><b>Subject:</b> How did this week go?<br></div>How did this week go?</div></body></html>"##,
        "Yes, 30 minutes on Monday.",
    ),
    (
        "outlook_android_footer_without_signature_id",
        r##"<div dir="auto">Yes, Monday.</div><div dir="auto"><br></div><div dir="auto">Get <a href="https://aka.ms/AAb9ysg">Outlook for Android</a></div><hr><div><b>From:</b> Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt;<br><b>Sent:</b> Monday, January 12, 2027 10:02:11 AM<br><b>To:</b> Tom Okafor<br><b>Subject:</b> How did this week go?</div>"##,
        "Yes, Monday.",
    ),
    (
        "samsung_html_original_message",
        r##"<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body><div dir="auto">We met on Tuesday, an hour.</div><div dir="auto"><br></div><div dir="auto"><br></div><div id="composer_signature" dir="auto"><div style="font-size:85%;color:#575757" dir="auto">Sent from my Galaxy</div></div><div dir="auto"><br></div><div align="left" dir="auto" style="font-size:100%;color:#000000"><div>-------- Original message --------</div><div>From: Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt; </div><div>Date: 12/01/2027 10:02 (GMT+00:00) </div><div>To: Tom Okafor &lt;tom.okafor@acme.example&gt; </div><div>Subject: How did this week go? </div><div><br></div></div>How did this week go?</body></html>"##,
        "We met on Tuesday, an hour.",
    ),
    (
        "samsung_html_de",
        r##"<div dir="auto">Ja, Dienstag.</div><div id="composer_signature" dir="auto"><div style="font-size:85%;color:#575757">Von meinem Samsung Galaxy Smartphone gesendet.</div></div><div align="left" dir="auto"><div>-------- Ursprüngliche Nachricht --------</div><div>Von: Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt; </div><div>Datum: 12.01.27 10:02 (GMT+01:00) </div><div>An: Lea Braun &lt;lea.braun@acme.example&gt; </div><div>Betreff: Wie lief diese Woche? </div></div>"##,
        "Ja, Dienstag.",
    ),
    (
        "notes_html_wrote_on",
        r##"<font size=2 face="sans-serif">Yes, we met on Tuesday for an hour.</font><br><br><br><br><font size=1 color=#5f5f5f face="sans-serif">Ann Lee/Acme wrote on 12.01.2027 10:02:</font><br><br><font size=2 face="sans-serif">How did this week go?</font>"##,
        "Yes, we met on Tuesday for an hour.",
    ),
    (
        "notes_html_forwarded_by",
        r##"<font size=2 face="sans-serif">Tom, this one is for both of us. We met on Tuesday.</font><br><font size=1 color=#800080 face="sans-serif">----- Forwarded by Ann Lee/Acme on 12.01.2027 10:05 -----</font><br><table width=100%><tr valign=top><td><font size=1 face="sans-serif"><b>Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt;</b></font><p><font size=1 face="sans-serif">12.01.2027 10:02</font></td></tr></table><br><font size=2>How did this week go?</font>"##,
        "Tom, this one is for both of us. We met on Tuesday.",
    ),
    (
        "proton_quote_and_signature_block",
        r##"<div style="font-family: Arial, sans-serif; font-size: 14px;">Yes, 45 minutes on Tuesday.</div><div style="font-family: Arial, sans-serif; font-size: 14px;"><br></div><div class="protonmail_signature_block" style="font-family: Arial, sans-serif; font-size: 14px;"><div class="protonmail_signature_block-proton">Sent with <a target="_blank" href="https://proton.me/mail/home">Proton Mail</a> secure email.</div></div><div style="font-family: Arial, sans-serif; font-size: 14px;"><br></div><div class="protonmail_quote">------- Original Message -------<br>On Monday, January 12th, 2027 at 10:02 AM, Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt; wrote:<br><br><blockquote class="protonmail_quote" type="cite"><div>How did this week go?</div></blockquote><br></div>"##,
        "Yes, 45 minutes on Tuesday.",
    ),
    (
        "proton_inline_answers_then_signature_block",
        r##"<div class="protonmail_quote">On Monday, January 12th, 2027 at 10:02 AM, Acme Reverse Mentoring &lt;mentoring+t4o8k@acme.example&gt; wrote:<blockquote class="protonmail_quote" type="cite">Did you meet?</blockquote></div><div>Yes, on Tuesday.</div><div class="protonmail_quote"><blockquote class="protonmail_quote" type="cite">How long?</blockquote></div><div>An hour.</div><div class="protonmail_signature_block"><div class="protonmail_signature_block-proton">Sent with Proton Mail secure email.</div></div>"##,
        "Yes, on Tuesday.\nAn hour.",
    ),
    (
        "gmail_forwarded_prompt",
        r##"<div dir="ltr">Tom, could you answer this for both of us? We met on Tuesday for an hour.<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">Acme Reverse Mentoring</strong> <span dir="auto">&lt;<a href="mailto:mentoring+t4o8k@acme.example">mentoring+t4o8k@acme.example</a>&gt;</span><br>Date: Mon, 12 Jan 2027 at 10:02<br>Subject: How did this week go?<br>To: Lea Braun &lt;<a href="mailto:lea.braun@acme.example">lea.braun@acme.example</a>&gt;<br></div><br><br><div>How did this week go?</div></div></div>"##,
        "Tom, could you answer this for both of us? We met on Tuesday for an hour.",
    ),
    (
        "thunderbird_forwarded_prompt",
        r##"<p>FYI, we met.</p><div class="moz-forward-container"><br><br>-------- Forwarded Message --------<table class="moz-email-headers-table" border="0" cellpadding="0" cellspacing="0"><tbody><tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">Subject: </th><td>How did this week go?</td></tr><tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">Date: </th><td>Mon, 12 Jan 2027 10:02:11 +0000</td></tr><tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">From: </th><td>Acme Reverse Mentoring <a class="moz-txt-link-rfc2396E" href="mailto:mentoring+t4o8k@acme.example">&lt;mentoring+t4o8k@acme.example&gt;</a></td></tr></tbody></table><br>How did this week go?</div>"##,
        "FYI, we met.",
    ),
];

/// Runs one table; returns the names of the cases `trim` gets wrong, with what it kept.
fn failures(cases: &[Case], convert: fn(&str) -> String) -> Vec<String> {
    cases
        .iter()
        .filter_map(|(name, body, want)| {
            let got = trim(&convert(body)).text;
            (got != *want).then(|| format!("{name}: kept {got:?}, want {want:?}"))
        })
        .collect()
}

#[test]
fn text_quote_markers_of_more_clients() {
    let failed = failures(TEXT, str::to_string);
    println!(
        "client quote markers (text): {} of {} pass",
        TEXT.len() - failed.len(),
        TEXT.len()
    );
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn html_quote_markers_of_more_clients() {
    let failed = failures(HTML, to_text);
    println!(
        "client quote markers (HTML): {} of {} pass",
        HTML.len() - failed.len(),
        HTML.len()
    );
    assert!(failed.is_empty(), "{failed:#?}");
}

/// The "get the app" and "sent from" footers of mobile and webmail clients, in the five
/// languages, with the link where the client puts it: each is cut with what follows it.
const FOOTERS: &[&str] = &[
    "Get Outlook for Android<https://aka.ms/AAb9ysg>",
    "Outlook für iOS<https://aka.ms/o0ukef> beziehen",
    "Outlook für Android herunterladen",
    "Télécharger Outlook pour Android<https://aka.ms/AAb9ysg>",
    "Obtenir Outlook pour iOS<https://aka.ms/o0ukef>",
    "Descargar Outlook para Android<https://aka.ms/AAb9ysg>",
    "Obtener Outlook para iOS",
    "Outlook voor iOS<https://aka.ms/o0ukef> downloaden",
    "Outlook voor Android downloaden",
    "Von Mail für Windows gesendet",
    "Verzonden vanuit Mail voor Windows",
    "Diese Nachricht wurde von meinem Android Mobiltelefon mit GMX Mail gesendet.",
    "This message was sent from my Android mobile phone with WEB.DE Mail.",
    "Ce message a été envoyé depuis mon téléphone mobile avec GMX Mail.",
    "Este mensaje fue enviado desde mi teléfono Android con GMX Mail.",
    "Dit bericht is verzonden vanaf mijn Android-telefoon met GMX Mail.",
];

#[test]
fn app_and_sent_from_footers_in_five_languages_are_cut() {
    for footer in FOOTERS {
        let body = format!("We met on Tuesday.\n\n{footer}\n\nold text\n");
        assert_eq!(trim(&body).text, "We met on Tuesday.", "{footer}");
    }
    // The words of a footer inside a sentence are the sender's.
    for kept in [
        "I showed her Outlook for iOS and how to file mail.",
        "We talked about outlook for android users, then budgets.",
        "Von 12 bis 13 Uhr haben wir gesprochen.",
    ] {
        assert_eq!(trim(kept).text, kept, "{kept}");
    }
}
