unmatched-subject = { $program } : pas de binôme pour vous à ce tour
unmatched-thanks = Merci d'avoir rejoint { $program }. Ce tour vous laisse sans binôme, et nous préférons vous expliquer pourquoi plutôt que de vous laisser vous poser la question.
unmatched-nobody-free = Personne de l'autre côté n'a pu être mis en binôme à ce tour.
unmatched-nobody-fits = Parmi les personnes disponibles de l'autre côté, aucune ne correspond aux règles du programme pour vous (par exemple le service, le niveau ou des horaires de travail communs).
unmatched-taken = Toutes les personnes qui vous correspondraient bien ont déjà un binôme à ce tour.
unmatched-not-you = Cela ne dit rien de vous.
unmatched-next-round = Vous serez mis en binôme au prochain tour, le { $day }, ou plus tôt si une personne compatible se libère. D'ici là, vous n'avez rien à faire.
unmatched-no-more-rounds = Il n'y a plus de tour avant la fin du programme, le { $end }. Si une personne compatible se libère, nous vous mettrons en binôme ; vous pouvez aussi écrire à { $coordinator }.
