nudge-subject = { $first } und { $second }: Zeit für ein Treffen?
nudge-silence = Seit { $days ->
    [one] { $days } Tag
   *[other] { $days } Tagen
} haben wir von keinem Treffen zwischen Ihnen beiden gehört. Schon 20 Minuten bei einem Kaffee zählen. Wenn Sie sich getroffen haben, antworten Sie auf diese E-Mail und erzählen Sie, wie es war.
nudge-goals = Ihre gemeinsamen Ziele:
nudge-pause = Passt es gerade nicht, antworten Sie PAUSIEREN (oder PAUSE UNTIL und ein Datum); HILFE für alles andere.
