unmatched-subject = { $program }: In dieser Runde kein Partner für Sie
unmatched-thanks = Danke, dass Sie bei { $program } mitmachen. In dieser Runde haben wir keinen Partner für Sie gefunden, und wir möchten Ihnen sagen, warum, statt Sie rätseln zu lassen.
unmatched-nobody-free = Auf der anderen Seite konnte in dieser Runde niemand zugeordnet werden.
unmatched-nobody-fits = Niemand, der auf der anderen Seite frei ist, erfüllt für Sie die Regeln des Programms (etwa Abteilung, Ebene oder gemeinsame Arbeitszeiten).
unmatched-taken = Alle, die gut zu Ihnen passen würden, haben in dieser Runde schon einen Partner.
unmatched-not-you = Das sagt nichts über Sie aus.
unmatched-next-round = Sie erhalten einen Partner in der nächsten Runde, am { $day }, oder früher, wenn jemand Passendes frei wird. Bis dahin müssen Sie nichts tun.
unmatched-no-more-rounds = Bis zum Ende des Programms am { $end } gibt es keine weitere Runde. Wird jemand Passendes frei, bringen wir Sie zusammen; Sie können sich auch an { $coordinator } wenden.
