command-about-pause = PAUSE
command-about-resume = REPRENDRE
command-about-skip = SAUTER
command-about-rematch = CHANGER DE BINÔME
command-about-stop = ARRÊTER
command-about-forget-me = OUBLIEZ-MOI
command-about-help = AIDE
command-about-join = JOIN
command-about-confirmation = confirmation
command-about-goals = vos objectifs
command-about-not-passed-on = message non transmis
command-about-passed-on = message transmis
command-about-not-logged = message non enregistré

command-help = Voici ce que vous pouvez nous dire. Écrivez l'une de ces commandes seule sur la première ligne de votre réponse.
command-already-stopped = Vous aviez déjà quitté le programme ; vous ne recevrez plus rien de notre part.
command-stopped = Vous avez quitté { $program }. Ceci est le dernier e-mail que vous recevrez de notre part.
command-left-earlier = Vous avez quitté le programme plus tôt (ARRÊTER), donc rien n'a été modifié. Pour revenir, écrivez à { $coordinator }.
command-pause-not-understood = Rien n'a été modifié : nous n'avons pas pu lire `{ $date }` comme une date à venir. Écrivez par exemple PAUSE UNTIL 2026-12-01.
command-paused = Votre participation est en pause : plus de questions ni de rappels jusqu'à ce que vous répondiez REPRENDRE.
command-paused-until = Votre participation est en pause jusqu'au { $day } : les e-mails reprendront ce jour-là, ou plus tôt si vous répondez REPRENDRE.
command-resumed = Bon retour parmi nous : vous recevrez de nouveau les questions et les rappels.
command-not-paused = Votre participation n'était pas en pause, donc rien n'a changé : vous recevez les questions et les rappels comme d'habitude.
command-skipped = C'est fait : votre prochaine question sera sautée. Tout le reste demeure inchangé.
command-no-pairing = Vous n'avez pas de binôme en cours à changer, donc rien n'a été modifié. Vous serez mis en binôme au prochain tour.
command-rematched = Votre binôme a pris fin et vous avez un nouveau partenaire : une présentation est en route.
command-rematch-waits = Votre binôme a pris fin. Personne de compatible n'est disponible pour le moment ; vous serez de nouveau mis en binôme dès que quelqu'un le sera, au plus tard au prochain tour.
command-confirm-first = { $command ->
    [STOP] Nous avons compris que vous souhaitez quitter { $program }. Rien n'a encore changé : quitter le programme met fin à votre binôme et ne peut pas être annulé par e-mail. Pour partir, répondez avec STOP seul sur la première ligne. Si ce n'est pas ce que vous vouliez dire, vous n'avez rien à faire.
   *[other] Nous avons compris que vous souhaitez un nouveau partenaire. Rien n'a encore changé : un nouveau partenaire met fin à votre binôme actuel. Pour en demander un, répondez avec REMATCH seul sur la première ligne. Si ce n'est pas ce que vous vouliez dire, vous n'avez rien à faire.
}
command-goals-noted = Vos objectifs pour ce binôme sont notés :
command-goal = {"  "}{ $number }. { $goal }
command-goals-remind = Les questions sur vos rencontres vous les rappelleront, et à la fin nous vous demanderons où vous en êtes. Pour les changer, répondez avec de nouvelles lignes « Objectif : ».
command-outcomes-noted = Merci de nous dire où vous en êtes :
command-goal-outcome = {"  "}objectif { $number } : { $outcome ->
    [reached] atteint
    [partly] en partie atteint
   *[not_reached] pas encore atteint
}
command-partner-unreachable = Nous n'avons pas pu transmettre votre message à { $partner } : les e-mails qui lui sont adressés n'arrivent pas en ce moment. Il est conservé dans le journal du programme. Pour joindre cette personne, écrivez directement à { $email }, ou demandez de l'aide à { $coordinator }.
command-passed-on = Votre message demande l'attention d'une personne : il a donc été transmis à { $coordinator }, qui anime le programme et vous répondra. Vous pouvez aussi écrire directement à { $coordinator }.
command-not-logged-forged = Votre message n'a pas été enregistré : l'adresse à laquelle vous avez écrit ne vient pas de nous, ou elle a été modifiée en chemin. Merci de répondre directement au dernier e-mail que vous avez reçu de notre part.
command-not-logged-address = Votre message n'a pas été enregistré : il vient d'une adresse qui ne fait pas partie de cette conversation. Merci de répondre depuis l'adresse à laquelle le programme vous écrit.
command-not-logged-ended = Votre message n'a pas été enregistré : il répond à un e-mail concernant un binôme terminé. Merci de répondre au dernier e-mail que vous avez reçu de notre part.
command-not-logged-no-pair = Votre message n'a pas été enregistré : vous n'avez pas de partenaire en ce moment pour lequel l'enregistrer. Vous aurez de nos nouvelles dès que vous serez en binôme.
command-not-logged-several = Votre message n'a pas été enregistré : vous avez plusieurs partenaires ; merci de répondre au dernier e-mail concernant le partenaire dont vous parlez.
command-not-logged-commands = Votre message n'a pas été enregistré : cette adresse ne reçoit que des commandes. Pour nous parler d'une rencontre, répondez au dernier e-mail concernant votre binôme.
command-answered-already = Cet e-mail a déjà reçu une réponse, et chacun ne fonctionne qu'une fois : rien de plus n'a été fait.
command-expired = Cette demande a attendu plus de { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}, donc rien n'a été fait. Si vous le souhaitez toujours, écrivez-nous de nouveau.
command-not-sent = Merci : rien n'a été fait avec ce message. Si quelqu'un écrit en votre nom, { $coordinator } peut vous aider.
command-forgotten = C'est fait : votre nom, votre adresse, vos notes et les messages que vous nous avez envoyés ont été supprimés ; seuls des chiffres anonymes demeurent. Ceci est le dernier e-mail que vous recevrez de notre part.
command-forget-waits = Rien n'a encore été supprimé. Pour confirmer, répondez à cet e-mail avec OUBLIEZ-MOI seul sur la première ligne.
command-held-gone = Le message est introuvable, donc rien n'a été fait. Merci de l'envoyer de nouveau.
command-join-already-in = Vous participez déjà à { $program } : inutile de vous inscrire. Pour toute question sur votre binôme, écrivez à { $coordinator }.
command-join-already-asked = Votre demande pour rejoindre { $program } est déjà entre les mains de la coordination. Vous aurez de nos nouvelles dès qu'une décision sera prise.
command-join-incomplete = Merci de vouloir rejoindre { $program } ! Il manque encore quelques informations avant que le formulaire parte à la coordination :
command-join-problem = - { $field ->
    [name] Nom
    [role] Rôle
    [department] Service
    [level] Niveau
    [teaches] Enseigne
    [learns] Veut apprendre
    [languages] Langues
    [timezone] Fuseau horaire
   *[hours] Horaires
} : { $kind ->
    [missing] manquant
    [no-topic] aucun sujet : remplissez au moins une des lignes « Enseigne : » et « Veut apprendre : »
   *[unusable] « { $value } » n'est pas utilisable : écrivez-le comme l'exemple du formulaire
}
command-join-again = Merci d'envoyer de nouveau JOIN, seul sur la première ligne, avec le formulaire ci-dessous rempli (une ligne par champ ; listes séparées par des ;) :
command-join-form-first = JOIN
command-join-form-line = { $field ->
    [name] Nom : votre nom tel que vos collègues le connaissent (sinon celui de votre adresse e-mail)
    [role] Rôle : mentor (vous enseignez : technologie, nouvelles façons de travailler) ou mentee (vous les apprenez)
    [department] Service : Service client
    [level] Niveau : votre échelon en chiffre, plus grand = plus senior, par ex. 3
    [teaches] Enseigne : outils d'IA ; vidéos courtes
    [learns] Veut apprendre : carrière ; négociation
    [languages] Langues : français ; anglais
    [timezone] Fuseau horaire : Europe/Paris
   *[hours] Horaires : 09:00-17:30
}
command-join-sent = Merci de vouloir rejoindre { $program } ! Votre demande a été transmise à la coordination, qui décide des participants. Vous recevrez un e-mail dans tous les cas.

command-cancelled = La première rencontre que nous avions proposée pour le { $meeting } est annulée : l'invitation de calendrier jointe à cet e-mail la retire de votre agenda.
command-list = Les commandes que vous pouvez envoyer en réponse, seules sur la première ligne :
command-list-pause = PAUSE
command-list-item = { $command } : { $does }
command-does-pause = plus d'e-mails jusqu'à la reprise (jusqu'à une date : PAUSE UNTIL 2027-03-31)
command-does-resume = recevoir de nouveau les e-mails
command-does-skip = sauter la prochaine question
command-does-rematch = demander un nouveau partenaire au prochain tour
command-does-stop = quitter le programme
command-does-forget-me = quitter et effacer ce qui a été enregistré sur vous
command-does-help = cette liste
