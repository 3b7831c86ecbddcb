ending-soon-subject = { $program } se termine dans deux semaines
ending-soon-ends = { $program } se termine le
ending-soon-plan = , dans deux semaines. S'il vous reste une rencontre à planifier avec { $partners }, c'est le bon moment pour l'inscrire dans votre agenda.
ending-soon-and = et
ending-soon-last = Le dernier jour, vous recevrez une courte question de clôture sur ce que vous avez appris. D'ici là, tout continue comme d'habitude.
