join-confirm-subject = { $program }: Haben Sie um Teilnahme gebeten?
join-confirm-asked = Von dieser Adresse hat jemand um Teilnahme an { $program } gebeten, als { $role ->
    [mentor] Mentor
   *[other] Mentee
}. Bevor die Anfrage an die Koordination geht, prüfen wir, ob Sie das waren: Antworten Sie einfach auf diese E-Mail mit
join-confirm-asked-department = Von dieser Adresse hat jemand um Teilnahme an { $program } gebeten, als { $role ->
    [mentor] Mentor
   *[other] Mentee
} in { $department }. Bevor die Anfrage an die Koordination geht, prüfen wir, ob Sie das waren: Antworten Sie einfach auf diese E-Mail mit
join-confirm-yes = JA
join-confirm-first-line = allein in der ersten Zeile.
join-confirm-not-you = Falls Sie es nicht waren, tun Sie nichts: Ohne Ihre Antwort geschieht nichts weiter, und niemand sieht die Anfrage.
