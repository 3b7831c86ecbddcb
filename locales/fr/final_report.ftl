final-report-subject = { $program } : bilan final, { $meetings ->
    [one] { $meetings } rencontre
   *[other] { $meetings } rencontres
} pour { $pairs ->
    [one] { $pairs } binôme
   *[other] { $pairs } binômes
}
final-report-subject-so-far = { $program } : bilan final (provisoire), { $meetings ->
    [one] { $meetings } rencontre
   *[other] { $meetings } rencontres
} pour { $pairs ->
    [one] { $pairs } binôme
   *[other] { $pairs } binômes
}
final-report-title = Bilan final, { $period }
final-report-not-ended = Le programme n'est pas terminé : il se termine le { $end }. Voici les chiffres à ce jour.

final-report-meetings = Rencontres
final-report-hours-in-all = { $hours } h au total
final-report-pairs-met = Binômes qui se sont vus
final-report-pairs-made = sur { $pairs ->
    [one] { $pairs } binôme formé
   *[other] { $pairs } binômes formés
}
final-report-rating-note = sur 5, à partir de { $ratings ->
    [one] { $ratings } note
   *[other] { $ratings } notes
}
final-report-average = { $average } sur 5, à partir de { $ratings ->
    [one] { $ratings } note
   *[other] { $ratings } notes
}
final-report-no-ratings = aucune note

final-report-sessions-per-week = Rencontres par semaine
final-report-ratings = Notes
final-report-no-ratings-note = Aucune note n'a été donnée.
final-report-ratings-hidden-note = Les notes s'affichent dès que { $min } personnes ont répondu ({ $count } l'ont fait), pour qu'aucune réponse ne puisse être identifiée.
final-report-by-mentors = Données par les mentors
final-report-by-mentees = Données par les mentorés

final-report-per-pair = Rencontres par binôme
final-report-no-pairs = Aucun binôme n'a été formé.
final-report-more-pairs = et { $count } autres binômes :
final-report-lists-them-all = les liste tous.
final-report-row = { $name } : { $meetings ->
    [one] { $meetings } rencontre
   *[other] { $meetings } rencontres
} ({ $detail })
final-report-meetings-count = { $meetings ->
    [one] { $meetings } rencontre
   *[other] { $meetings } rencontres
}
final-report-pair-round = tour { $round }, { $hours } h
final-report-never-met = jamais rencontrés
final-report-ended-early = terminé plus tôt
final-report-pair-cancelled = annulations : { $mentor } par le mentor, { $mentee } par le mentoré
final-report-cancelled = { $count ->
    [one] { $count } rencontre annulée
   *[other] { $count } rencontres annulées
} sur l'ensemble du programme : { $mentors } par les mentors, { $mentees } par les mentorés.
final-report-by-department = Rencontres par service
final-report-department-note = Une rencontre compte pour les services des deux partenaires.
final-report-department-note-text = (une rencontre compte pour les services des deux partenaires)
final-report-by-level = Rencontres par niveau
final-report-level = Niveau { $level }
final-report-no-department = sans service
final-report-group = { $as_mentor } avec ses mentors, { $as_mentee } avec ses mentorés ; { $mentors ->
    [one] { $mentors } mentor
   *[other] { $mentors } mentors
} et { $mentees ->
    [one] { $mentees } mentoré
   *[other] { $mentees } mentorés
}

final-report-topics = Sujets, dans les deux sens
final-report-mentors-taught = Transmis par les mentors
final-report-mentees-taught = Transmis en retour par les mentorés
final-report-none-logged = aucun
final-report-goals-title = Objectifs
final-report-no-goals = Aucun binôme ne s'est fixé d'objectifs.
final-report-goals = { $set ->
    [one] { $set } objectif fixé
   *[other] { $set } objectifs fixés
} par { $pairs ->
    [one] { $pairs } binôme
   *[other] { $pairs } binômes
} : { $reached } atteints, { $partly } en partie, { $not_reached } non atteints, { $unanswered } sans réponse
final-report-goal = { $goal } ({ $outcome ->
    [reached] atteint
    [partly] en partie
    [not_reached] non atteint
   *[none] sans réponse
})

final-report-from-feedback = Extraits des retours
final-report-footer = Vous recevez ce bilan une seule fois, en tant que coordinateur ou coordinatrice de { $program }. Les réponses ne sont pas lues.
final-report-footer-command = affiche les mêmes chiffres à tout moment.
