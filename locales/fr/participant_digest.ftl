participant-digest-subject = Votre synthèse { $program } : { $period }
participant-digest-html-title = { $program } : votre synthèse
participant-digest-title = Votre synthèse : { $period }
participant-digest-intro = Votre mentorat inversé { $period } :
participant-digest-meetings = Rencontres : { $sessions } ({ $hours } h) ; depuis le début : { $sessions_to_date } ({ $hours_to_date } h)
participant-digest-topics = Sujets : { $topics }
participant-digest-meetings-this-period = Rencontres sur la période
participant-digest-hours-this-period = Heures sur la période
participant-digest-since-start = { $sessions } depuis le début
participant-digest-hours-since-start = { $hours } h depuis le début
participant-digest-your = { $role ->
    [mentor] votre mentor
   *[other] votre mentoré
}
participant-digest-with = Avec { $name }, { $relation }
participant-digest-this-period = sur la période : { $sessions ->
    [one] { $sessions } rencontre
   *[other] { $sessions } rencontres
}, { $hours } h
participant-digest-this-period-on = sur la période : { $sessions ->
    [one] { $sessions } rencontre
   *[other] { $sessions } rencontres
}, { $hours } h, sur { $topics }
participant-digest-since-the-start = depuis le début : { $sessions ->
    [one] { $sessions } rencontre
   *[other] { $sessions } rencontres
}, { $hours } h
participant-digest-last-meeting = dernière rencontre : { $day }
participant-digest-none-yet = aucune pour l'instant
participant-digest-html-this-period = Sur la période : { $sessions ->
    [one] { $sessions } rencontre
   *[other] { $sessions } rencontres
}, { $hours } h.
participant-digest-html-this-period-on = Sur la période : { $sessions ->
    [one] { $sessions } rencontre
   *[other] { $sessions } rencontres
}, { $hours } h, sur { $topics }.
participant-digest-html-since = Depuis le début : { $sessions ->
    [one] { $sessions } rencontre
   *[other] { $sessions } rencontres
}, { $hours } h. Dernière rencontre : { $day }.
participant-digest-not-yet = Vous et { $partners ->
    [one] { $who }
   *[other] vos binômes
} n'avez pas encore enregistré de rencontre. La première est la plus difficile à caler : vingt minutes autour d'un café suffisent largement. Pourquoi ne pas proposer un moment cette semaine ?
participant-digest-since = Votre dernière rencontre avec { $partners ->
    [one] { $who }
   *[other] vos binômes
} remonte à { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}. Un court échange entretient la conversation ; même vingt minutes, cela compte.
participant-digest-met = { $meetings ->
    [one] Une rencontre avec { $partners ->
        [one] { $who }
       *[other] vos binômes
    } sur la période : un bon rythme. Qu'aimeriez-vous explorer la prochaine fois ?
   *[other] { $meetings } rencontres avec { $partners ->
        [one] { $who }
       *[other] vos binômes
    } sur la période : c'est ce rythme qui fait fonctionner le mentorat inversé. Continuez ainsi !
}
participant-digest-next = Après votre prochaine rencontre, répondez simplement au dernier e-mail de suivi pour nous dire comment cela s'est passé.
participant-digest-help = Répondez AIDE pour la liste des commandes, ou ARRÊTER pour quitter le programme.
