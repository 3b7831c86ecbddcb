join-confirm-subject = { $program } : avez-vous demandé à participer ?
join-confirm-asked = Quelqu'un a demandé à rejoindre { $program } depuis cette adresse, en tant que { $role ->
    [mentor] mentor
   *[other] mentoré
}. Avant que la demande parte à la coordination, nous vérifions que c'était bien vous : répondez simplement à cet e-mail avec
join-confirm-asked-department = Quelqu'un a demandé à rejoindre { $program } depuis cette adresse, en tant que { $role ->
    [mentor] mentor
   *[other] mentoré
} au sein de { $department }. Avant que la demande parte à la coordination, nous vérifions que c'était bien vous : répondez simplement à cet e-mail avec
join-confirm-yes = OUI
join-confirm-first-line = seul sur la première ligne.
join-confirm-not-you = Si ce n'était pas vous, ne faites rien : sans réponse de votre part, rien ne se passe et personne ne voit la demande.
