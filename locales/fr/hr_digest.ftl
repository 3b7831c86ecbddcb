hr-digest-period = du { $from_day ->
    [1] 1er
   *[other] { $from_day }
} au { $day } { $month } { $year }
hr-digest-period-months = du { $from_day ->
    [1] 1er
   *[other] { $from_day }
} { $from_month } au { $day } { $month } { $year }
hr-digest-period-years = du { $from_day ->
    [1] 1er
   *[other] { $from_day }
} { $from_month } { $from_year } au { $day } { $month } { $year }
hr-digest-day = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
hr-digest-week-label = %d/%m

hr-digest-subject = { $program }, { $period } : { $sessions ->
    [one] { $sessions } rencontre
   *[other] { $sessions } rencontres
}, { $percent } des binômes se rencontrent
hr-digest-title = Synthèse { $period }
hr-digest-html-title = { $program } : synthèse { $period }

hr-digest-sessions = Rencontres
hr-digest-to-date = { $count } depuis le début
hr-digest-trend-same = autant que la semaine précédente
hr-digest-trend-up = ▲ { $diff } par rapport à la semaine précédente
hr-digest-trend-down = ▼ { $diff } par rapport à la semaine précédente
hr-digest-hours = Heures
hr-digest-hours-to-date = { $hours } h depuis le début
hr-digest-pairs-meeting = Binômes actifs
hr-digest-pairs-met = { $met } { $pairs ->
    [one] binôme sur { $pairs }
   *[other] binômes sur { $pairs }
} se sont vus ces 30 derniers jours
hr-digest-average-rating = Note moyenne
hr-digest-rating-note = sur 5, à partir de { $ratings ->
    [one] { $ratings } note
   *[other] { $ratings } notes
} depuis le début
hr-digest-no-ratings = pas encore de notes
hr-digest-ratings-hidden = affichée à partir de { $min } notes ({ $count } pour l'instant)

hr-digest-sessions-per-week = Rencontres par semaine
hr-digest-chart-note-text = (> indique la semaine de cette synthèse ; ★ la note moyenne de la semaine, affichée à partir de { $min } notes)
hr-digest-chart-note = En orange : la semaine de cette synthèse.
hr-digest-chart-star-note = note moyenne de la semaine, affichée à partir de { $min } notes.
hr-digest-earlier = { $weeks } semaines précédentes : { $sessions } rencontres
hr-digest-earlier-html = { $weeks } semaines précédentes : { $sessions } rencontres
hr-digest-ratings-to-date = Notes depuis le début
hr-digest-no-ratings-note = Pas encore de notes.
hr-digest-ratings-hidden-note = Les notes s'affichent dès que { $min } personnes ont répondu ({ $count } pour l'instant), pour qu'aucune réponse ne puisse être identifiée.

hr-digest-needs-a-word = À suivre
hr-digest-all-well = Tous les binômes ont échangé récemment. Rien ne demande votre attention.
hr-digest-suggested = Suggestion pour { $about } : { $suggestion }
hr-digest-gone-silent = Silence radio
hr-digest-silent-days = { $pair } : aucun contact depuis { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}
hr-digest-silent-suggestion = écrire aux deux et proposer de l'aide
hr-digest-silent-mail-subject = { $program } : comment ça se passe ?
hr-digest-silent-mail-body =
    Bonjour { $mentor } et { $mentee },

    Je remarque que vous n'avez pas échangé depuis quelques semaines. Pourriez-vous trouver 20 minutes cette semaine ? Si quelque chose bloque (le temps, les sujets, le binôme lui-même), dites-le-moi et je vous aiderai.

    Merci,
hr-digest-cancelling = Annulations à répétition (un petit mot leur a été envoyé)
hr-digest-who = { $name } ({ $side ->
    [mentor] mentor
   *[other] mentoré
})
hr-digest-cancelled-line = { $name } ({ $side ->
    [mentor] mentor
   *[other] mentoré
}) a annulé les { $times } dernières rencontres avec { $partner }
hr-digest-cancelling-suggestion = demander si le créneau convient toujours ; proposer un créneau plus court, une pause ou un nouveau binôme
hr-digest-cancelling-mail-subject = { $program } : trouver un moment avec { $partner }
hr-digest-cancelling-mail-body =
    Bonjour { $name },

    J'ai vu que vos dernières rencontres avec { $partner } n'ont pas pu avoir lieu. Le créneau vous convient-il toujours ? Un créneau plus court, une pause ou un autre binôme, tout est possible ; dites-moi ce qui vous aiderait.

    Merci,
hr-digest-contradictions = Comptes rendus contradictoires (l'un dit qu'ils se sont vus, l'autre non)
hr-digest-never-met = Pas encore de rencontre
hr-digest-opted-out = Départs de la période (une discussion de vive voix vous dira peut-être pourquoi)
hr-digest-opted-out-on = { $name }, le { $day }
hr-digest-opted-out-said = { $name }, le { $day } : « { $words } »
hr-digest-without-partner = Sans binôme (`upward pair --fill` les associe dès que quelqu'un convient)
hr-digest-bouncing = Les e-mails ne leur parviennent pas (vérifiez l'adresse, puis `upward reenable EMAIL`)
hr-digest-cancelled = { $count ->
    [one] { $count } rencontre annulée
   *[other] { $count } rencontres annulées
} sur la période : { $mentors } par les mentors, { $mentees } par les mentorés.
hr-digest-senior-side = La plupart des annulations viennent des plus expérimentés, et c'est ainsi que le mentorat inversé s'essouffle le plus souvent : un mot de leur sponsor aide.

hr-digest-topics = Sujets
hr-digest-topics-both-ways = Sujets, dans les deux sens
hr-digest-mentors-taught = Transmis par les mentors
hr-digest-mentees-taught = Transmis en retour par les mentorés
hr-digest-none-logged = aucun pour l'instant

hr-digest-program-health = État du programme
hr-digest-none = aucun
hr-digest-unmatched = Participants sans binôme
hr-digest-opt-outs = Départs
hr-digest-bouncing-addresses = Adresses en erreur
hr-digest-refused = Messages refusés / en quarantaine
hr-digest-delivery-failures = Échecs d'envoi
hr-digest-waiting = En attente d'envoi
hr-digest-pending-since = { $count } (le plus ancien en file depuis { $oldest })
hr-digest-delivered-late = Livrés en retard
hr-digest-late = { $count ->
    [one] { $count } e-mail livré
   *[other] { $count } e-mails livrés
} en retard, le plus long après { $longest }
hr-digest-late-error = { $count ->
    [one] { $count } e-mail livré
   *[other] { $count } e-mails livrés
} en retard, le plus long après { $longest } (dernière erreur : { $error })

hr-digest-from-feedback = Extraits des retours
hr-digest-footer = Vous recevez cette synthèse en tant que coordinateur ou coordinatrice de { $program }. Les réponses ne sont pas lues : pour joindre un participant, écrivez-lui directement.
