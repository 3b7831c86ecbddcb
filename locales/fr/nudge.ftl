nudge-subject = { $first } et { $second } : le moment de se retrouver ?
nudge-silence = Nous n'avons pas eu de nouvelles d'une rencontre entre vous depuis { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}. Même 20 minutes autour d'un café, cela compte. Quand vous vous serez vus, répondez à cet e-mail et dites-nous comment cela s'est passé.
nudge-goals = Vos objectifs communs :
nudge-pause = Si le moment est mal choisi, répondez PAUSE (ou PAUSE UNTIL et une date) ; AIDE pour tout le reste.
