import { isSpaceCode } from '../document/span.js';

/**
 * News agencies and outlets whose names stand as credits ("...Kim noted.Yonhap") and in wire
 * datelines ("(Reuters)"). Each line: the canonical name, then aliases, separated by "|".
 */
const OUTLETS = `
Yonhap|Yonhap News Agency|Yonhap News
Reuters|Thomson Reuters
AP|Associated Press|The Associated Press
AFP|Agence France-Presse|Agence France Presse
KCNA|Korean Central News Agency
Xinhua|Xinhua News Agency
TASS|ITAR-TASS
RIA Novosti|RIA
Interfax
Sputnik
Kyodo|Kyodo News
Jiji|Jiji Press
UPI|United Press International
dpa|Deutsche Presse-Agentur
ANSA
EFE
PTI|Press Trust of India
IANS
ANI
Bernama
Antara
PAP
Anadolu|Anadolu Agency|AA
IRNA
WAFA
MENA
SPA|Saudi Press Agency
KUNA
QNA
WAM
Ukrinform
UNIAN
Bloomberg
BBC|BBC News
CNN
NHK
Al Jazeera
VOA|Voice of America
RFA|Radio Free Asia
RFE/RL|Radio Free Europe/Radio Liberty
DW|Deutsche Welle
France 24
Euronews
CGTN
Global Times
Korea Herald|The Korea Herald
Korea Times|The Korea Times
Chosun Ilbo|The Chosun Ilbo
JoongAng Daily|Korea JoongAng Daily
Newsis
News1
NK News
Rodong Sinmun
Arirang
KBS
MBC
SBS
Nikkei|Nikkei Asia
South China Morning Post|SCMP
Straits Times|The Straits Times
The Hindu
Dawn
Kyiv Independent|The Kyiv Independent
Meduza
Wikinews
The Guardian|Guardian
The New York Times|New York Times|NYT
The Washington Post|Washington Post
The Wall Street Journal|Wall Street Journal|WSJ
Financial Times|FT
Sky News
Fox News
CBS News|CBS
NBC News|NBC
ABC News|ABC
NPR
PBS
Politico
Axios
`;

const byAlias = new Map<string, string>();
for (const line of OUTLETS.split('\n')) {
  const names = line
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
  const canonical = names[0];
  if (!canonical) continue;
  for (const name of names) byAlias.set(name.toLowerCase(), canonical);
}

/** The canonical outlet for a name as written ("Yonhap News Agency" -> "Yonhap"), if it is one. */
export function outletName(written: string): string | undefined {
  return byAlias.get(written.trim().replace(/\s+/g, ' ').toLowerCase());
}

/**
 * The parts of a credit between "/", "," and a " - " set off by white space ("Yonhap/AFP", "AP - Reuters").
 * Split by hand: the pattern `\s*[/,]\s*|\s+-\s+` retries a long run of white space from each of its
 * characters. White space around the parts is left on them, for `outletName` trims it.
 */
function creditParts(written: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < written.length; i++) {
    const c = written.charCodeAt(i);
    const dash =
      c === 0x2d &&
      i > start &&
      isSpaceCode(written.charCodeAt(i - 1)) &&
      isSpaceCode(written.charCodeAt(i + 1));
    if (c === 0x2f || c === 0x2c || dash) {
      parts.push(written.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(written.slice(start));
  return parts;
}

/** Outlets joined by "/" or "-" in one credit ("Yonhap/AFP") give the first as publisher. */
export function creditOutlets(written: string): string[] | undefined {
  const names = creditParts(written).map(outletName);
  return names.every((n): n is string => n !== undefined) && names.length > 0 ? names : undefined;
}
