partner-paused-subject = { $program }: { $first } neemt een pauze
partner-paused-until = { $first } neemt tot { $until } een pauze van { $program }.
partner-paused-a-while = { $first } neemt een tijdje pauze van { $program }.
partner-paused-not-you = Dat ligt niet aan jou: mensen pauzeren om hun eigen redenen, en die delen we niet.
partner-paused-goes-on = Jullie koppeling loopt door. Tot { $first } terug is, krijg je geen vragen over jullie afspraken; je kunt wel altijd mailen naar
partner-paused-goes-on-after = wanneer je maar wilt.
partner-paused-rematch = Wil je nu liever een andere partner, antwoord dan NIEUWE PARTNER, alleen op de eerste regel, of schrijf naar { $coordinator }.
