meeting-cancelled-subject = { $program } : la première rencontre avec { $first } est annulée
meeting-cancelled-body = Votre binôme avec { $first } a pris fin : la première rencontre que nous avions proposée pour le { $meeting } n'aura donc pas lieu. L'invitation jointe à cet e-mail la retire de votre agenda ; vous n'avez rien d'autre à faire.
meeting-cancelled-new-partner = Si un nouveau binôme vous a été attribué, sa présentation vous parviendra dans un e-mail séparé.
