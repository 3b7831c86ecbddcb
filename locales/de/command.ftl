command-about-pause = PAUSIEREN
command-about-resume = FORTSETZEN
command-about-skip = ÜBERSPRINGEN
command-about-rematch = PARTNERWECHSEL
command-about-stop = ABMELDEN
command-about-forget-me = VERGISS MICH
command-about-help = HILFE
command-about-join = JOIN
command-about-confirmation = Bestätigung
command-about-goals = Ihre Ziele
command-about-not-passed-on = Nachricht nicht weitergeleitet
command-about-passed-on = Nachricht weitergeleitet
command-about-not-logged = Nachricht nicht erfasst

command-help = Das können Sie uns mitteilen. Schreiben Sie einen dieser Befehle allein in die erste Zeile Ihrer Antwort.
command-already-stopped = Sie hatten das Programm bereits verlassen; Sie erhalten keine weiteren E-Mails von uns.
command-stopped = Sie haben { $program } verlassen. Dies ist die letzte E-Mail, die Sie von uns erhalten.
command-left-earlier = Sie haben das Programm bereits verlassen (ABMELDEN), daher wurde nichts geändert. Wenn Sie zurückkommen möchten, schreiben Sie an { $coordinator }.
command-pause-not-understood = Es wurde nichts geändert: Wir konnten `{ $date }` nicht als Datum in der Zukunft lesen. Schreiben Sie zum Beispiel PAUSE UNTIL 2026-12-01.
command-paused = Ihre Teilnahme ruht: keine Fragen und Erinnerungen, bis Sie FORTSETZEN antworten.
command-paused-until = Ihre Teilnahme ruht bis { $day }: Ab diesem Tag erhalten Sie wieder E-Mails, oder früher, wenn Sie FORTSETZEN antworten.
command-resumed = Willkommen zurück: Sie erhalten wieder Fragen und Erinnerungen.
command-not-paused = Ihre Teilnahme ruhte nicht, daher hat sich nichts geändert: Sie erhalten Fragen und Erinnerungen wie gewohnt.
command-skipped = Erledigt: Ihre nächste Frage entfällt. Alles andere bleibt, wie es ist.
command-no-pairing = Sie haben derzeit kein Tandem, das sich wechseln ließe, daher wurde nichts geändert. Sie erhalten in der nächsten Runde einen Partner.
command-rematched = Ihr Tandem ist beendet, und Sie haben einen neuen Partner: Die Vorstellung ist unterwegs.
command-rematch-waits = Ihr Tandem ist beendet. Gerade ist niemand frei, der zu Ihnen passt; Sie erhalten einen neuen Partner, sobald jemand frei wird, spätestens in der nächsten Runde.
command-confirm-first = { $command ->
    [STOP] Wir haben Ihre Nachricht so verstanden, dass Sie { $program } verlassen möchten. Noch hat sich nichts geändert: Wer austritt, beendet sein Tandem, und per E-Mail lässt sich das nicht rückgängig machen. Wenn Sie gehen möchten, antworten Sie mit STOP allein in der ersten Zeile. Falls Sie das nicht gemeint haben, ist nichts weiter zu tun.
   *[other] Wir haben Ihre Nachricht so verstanden, dass Sie sich einen neuen Partner wünschen. Noch hat sich nichts geändert: Ein neuer Partner beendet Ihr jetziges Tandem. Wenn Sie das möchten, antworten Sie mit REMATCH allein in der ersten Zeile. Falls Sie das nicht gemeint haben, ist nichts weiter zu tun.
}
command-goals-noted = Ihre Ziele für dieses Tandem sind notiert:
command-goal = {"  "}{ $number }. { $goal }
command-goals-remind = Die Fragen zu Ihren Treffen erinnern Sie daran, und zum Schluss fragen wir, wie weit Sie gekommen sind. Um sie zu ändern, antworten Sie mit neuen „Ziel:“-Zeilen.
command-outcomes-noted = Danke, dass Sie uns sagen, wie weit Sie gekommen sind:
command-goal-outcome = {"  "}Ziel { $number }: { $outcome ->
    [reached] erreicht
    [partly] teilweise erreicht
   *[not_reached] noch nicht erreicht
}
command-partner-unreachable = Wir konnten Ihre Nachricht nicht an { $partner } weiterleiten: E-Mails an diese Person kommen derzeit nicht an. Ihre Nachricht ist im Protokoll des Programms gespeichert. Schreiben Sie direkt an { $email }, oder bitten Sie { $coordinator } um Hilfe.
command-passed-on = Ihr Anliegen braucht einen Menschen, daher haben wir es an { $coordinator } weitergegeben. Dort wird das Programm betreut, und Sie bekommen eine Antwort. Sie können auch direkt an { $coordinator } schreiben.
command-not-logged-forged = Ihre Nachricht wurde nicht erfasst: Die Adresse, an die Sie geschrieben haben, stammt nicht von uns oder wurde unterwegs verändert. Bitte antworten Sie direkt auf die letzte E-Mail, die Sie von uns erhalten haben.
command-not-logged-address = Ihre Nachricht wurde nicht erfasst: Sie kam von einer Adresse, die nicht zu dieser Unterhaltung gehört. Bitte antworten Sie von der Adresse, an die das Programm schreibt.
command-not-logged-ended = Ihre Nachricht wurde nicht erfasst: Sie bezieht sich auf ein Tandem, das bereits beendet ist. Bitte antworten Sie auf die letzte E-Mail, die Sie von uns erhalten haben.
command-not-logged-no-pair = Ihre Nachricht wurde nicht erfasst: Sie haben derzeit keinen Partner, für den wir sie erfassen könnten. Sie hören von uns, sobald Sie ein Tandem haben.
command-not-logged-several = Ihre Nachricht wurde nicht erfasst: Sie haben mehr als einen Partner. Bitte antworten Sie auf die letzte E-Mail zu dem Partner, den Sie meinen.
command-not-logged-commands = Ihre Nachricht wurde nicht erfasst: Diese E-Mail nimmt nur Befehle entgegen. Um uns von einem Treffen zu erzählen, antworten Sie auf die letzte E-Mail zu Ihrem Tandem.
command-answered-already = Auf diese E-Mail wurde bereits geantwortet, und jede gilt nur einmal: Es wurde nichts weiter unternommen.
command-expired = Diese Anfrage hat länger als { $days ->
    [one] { $days } Tag
   *[other] { $days } Tage
} gewartet, daher wurde nichts unternommen. Wenn Sie es weiterhin möchten, schreiben Sie uns bitte noch einmal.
command-not-sent = Danke: Mit der Nachricht wurde nichts gemacht. Falls jemand in Ihrem Namen schreibt, kann { $coordinator } helfen.
command-forgotten = Erledigt: Ihr Name, Ihre Adresse, Ihre Notizen und die Nachrichten, die Sie uns geschickt haben, sind gelöscht; nur anonyme Zahlen bleiben. Dies ist die letzte E-Mail, die Sie von uns erhalten.
command-forget-waits = Es wurde noch nichts gelöscht. Zur Bestätigung antworten Sie auf jene E-Mail mit VERGISS MICH allein in der ersten Zeile.
command-held-gone = Die Nachricht ist nicht mehr auffindbar, daher wurde nichts unternommen. Bitte senden Sie sie noch einmal.
command-join-already-in = Sie nehmen bereits an { $program } teil; eine Anmeldung ist nicht nötig. Fragen zu Ihrem Tandem richten Sie bitte an { $coordinator }.
command-join-already-asked = Ihre Anfrage zur Teilnahme an { $program } liegt der Koordination bereits vor. Sie hören von uns, sobald entschieden ist.
command-join-incomplete = Danke für Ihr Interesse an { $program }! Bevor das Formular an die Koordination gehen kann, fehlt noch etwas:
command-join-problem = - { $field ->
    [name] Name
    [role] Rolle
    [department] Abteilung
    [level] Ebene
    [teaches] Bringt bei
    [learns] Möchte lernen
    [languages] Sprachen
    [timezone] Zeitzone
   *[hours] Arbeitszeiten
}: { $kind ->
    [missing] fehlt
    [no-topic] kein Thema: Schreiben Sie mindestens eine der Zeilen „Bringt bei:“ und „Möchte lernen:“
   *[unusable] „{ $value }“ ist so nicht verwendbar: Schreiben Sie es wie im Beispiel des Formulars
}
command-join-again = Bitte senden Sie JOIN noch einmal, allein in der ersten Zeile, mit dem ausgefüllten Formular darunter (eine Zeile pro Angabe, Listen mit ; getrennt):
command-join-form-first = JOIN
command-join-form-line = { $field ->
    [name] Name: Ihr Name, wie Kolleginnen und Kollegen ihn kennen (sonst der Name Ihrer E-Mail-Adresse)
    [role] Rolle: mentor (Sie bringen bei: Technik, neue Arbeitsweisen) oder mentee (Sie lernen sie)
    [department] Abteilung: Kundenservice
    [level] Ebene: Ihre Stufe als Zahl, höher ist erfahrener, z. B. 3
    [teaches] Bringt bei: KI-Werkzeuge; Kurzvideos
    [learns] Möchte lernen: Karriere; Verhandeln
    [languages] Sprachen: Deutsch; Englisch
    [timezone] Zeitzone: Europe/Berlin
   *[hours] Arbeitszeiten: 09:00-17:30
}
command-join-sent = Danke für Ihr Interesse an { $program }! Ihre Anfrage ist bei der Koordination, die über die Teilnahme entscheidet. Sie hören in jedem Fall per E-Mail von uns.

command-cancelled = Das erste Treffen, das wir für { $meeting } vorgeschlagen hatten, entfällt: Die Kalendereinladung in dieser E-Mail entfernt es aus Ihrem Kalender.
command-list = Diese Befehle können Sie als Antwort schreiben, allein in der ersten Zeile:
command-list-pause = PAUSIEREN
command-list-item = { $command }: { $does }
command-does-pause = keine E-Mails, bis Sie fortsetzen (bis zu einem Datum: PAUSE UNTIL 2027-03-31)
command-does-resume = wieder E-Mails erhalten
command-does-skip = die nächste Frage auslassen
command-does-rematch = in der nächsten Runde einen neuen Partner erhalten
command-does-stop = das Programm verlassen
command-does-forget-me = verlassen und alles löschen, was über Sie erfasst wurde
command-does-help = diese Liste
