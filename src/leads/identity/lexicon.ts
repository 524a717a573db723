// What the name comparison knows about Spanish, Portuguese and Chinese names, written folded
// (lower case, no accents). Kept short on purpose: a word it does not know counts as a given
// name, which can only keep two leads apart, never join them (docs/identity.md).

/** Short forms and nicknames: each line is one name and the forms CRMs write for it. */
const SHORT_FORMS: readonly string[] = [
  'alejandro alejo jandro ale',
  'alejandra ale jandra',
  'jose pepe chepe pepito',
  'josefa pepa',
  'josefina pepa fina',
  'francisco pancho paco kiko curro fran',
  'francisca pancha paca paquita fran',
  'guillermo memo guille',
  'ignacio nacho',
  'enrique quique',
  'roberto beto',
  'alberto beto',
  'humberto beto',
  'gilberto beto',
  'eduardo lalo edu',
  'manuel manolo manu',
  'antonio tono toni',
  'jesus chucho chuy',
  'concepcion concha conchita',
  'dolores lola',
  'mercedes meche',
  'guadalupe lupe lupita',
  'rosario charo chayo',
  'consuelo chelo',
  'graciela chela',
  'rafael rafa',
  'fernando nando fer',
  'fernanda fer',
  'gabriel gabo',
  'gabriela gaby gabi',
  'santiago santi',
  'sebastian sebas',
  'daniel dani',
  'daniela dani',
  'cristina cris',
  'cristian cris',
  'luis lucho',
  'carlos carlitos',
  'ricardo richi',
  'rodrigo rodri',
  'federico fede',
  'maria mari',
  'patricia paty pati',
  'margarita marga',
  'teresa tere',
  'isabel chabela isa',
  'elizabeth eli',
  'victoria vicky',
  'alfredo fredy',
  'rodolfo fito',
  'adolfo fito',
  'ernesto neto',
  'agustin agus',
  'nicolas nico',
  'valentina vale',
  'camila cami',
  'catalina cata',
  'juan juancho',
  'javier javi',
  'susana susi',
  'juliana juli',
  'william willy',
  'leonardo leo',
  'gustavo tavo',
  'joao jao',
];

/** Name → the indexes of the SHORT_FORMS lines it is on. */
const forms = new Map<string, number[]>();
SHORT_FORMS.forEach((line, index) => {
  for (const word of line.split(' ')) forms.set(word, [...(forms.get(word) ?? []), index]);
});

/** Whether one of the two words is a short form of the other (or both of one name). */
export function isShortFormOf(a: string, b: string): boolean {
  const fa = forms.get(a);
  const fb = forms.get(b);
  return fa !== undefined && fb !== undefined && fa.some((line) => fb.includes(line));
}

/**
 * Common surnames. A word listed here may be missing on one side (a second surname) without
 * that being a contradiction; any other unmatched word is read as a given name.
 */
export const SURNAMES: ReadonlySet<string> = new Set(
  [
    // Spanish and Portuguese (the most frequent in Latin America)
    'garcia rodriguez gonzalez fernandez lopez martinez sanchez perez gomez jimenez ruiz',
    'hernandez diaz moreno alvarez romero alonso gutierrez navarro torres dominguez vazquez ramos',
    'gil ramirez serrano blanco suarez molina morales ortega delgado castro ortiz rubio marin sanz',
    'nunez iglesias medina garrido cortes castillo lozano guerrero cano prieto mendez ',
    'calvo gallego vidal marquez herrera pena flores cabrera campos vega fuentes carrasco diez',
    'caballero reyes nieto aguilar santana herrero montero hidalgo gimenez ibanez',
    'ferrer duran benitez mora vargas arias carmona crespo pastor soto saez',
    'velasco moya soler parra bravo gallardo rojas silva rivera mendoza rios salazar acosta',
    'aguirre contreras sandoval guzman escobar valencia cardenas pineda mejia quintero ospina osorio',
    'restrepo zapata arango cardona correa londono montoya villa giraldo duque henao jaramillo',
    'quispe mamani huaman condori chavez espinoza paredes valdivia figueroa munoz araya tapia',
    'sepulveda fuentealba carrillo estrada luna miranda orozco ochoa villanueva trujillo salinas',
    'pacheco rosales cervantes navarrete bautista camacho lara avila olivares zuniga vera rincon',
    'oliveira souza costa pereira almeida ferreira lima carvalho ribeiro barbosa rocha araujo',
    'cuellar beltran barrera leal franco galindo cortez mora ponce solis ayala maldonado',
    // Chinese (pinyin), the most frequent
    'wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao zheng liang',
    'xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng ',
    'su lu ding ren shen yao jin fu zhong wong chan leung cheung lau ng chow lam',
  ]
    .join(' ')
    .split(' ')
    .filter(Boolean),
);

/** Words that are part of how a name is written, not of who it names. */
export const NOT_NAMES: ReadonlySet<string> = new Set(
  'de del la las los y e da das do dos di van von sr sra srta don dona dr dra lic ing arq mr mrs ms'.split(' '),
);

/** Given names one letter apart that are different names, not a typo of each other. */
const CLOSE_BUT_DIFFERENT: readonly string[] = [
  'mario marco',
  'paola paula',
  'sonia sofia',
  'andres andrea',
  'mariana marina',
  'delia dalia',
  'karen karin',
  'elena elina',
];
const closeButDifferent = new Set(
  CLOSE_BUT_DIFFERENT.flatMap((line) => {
    const [a, b] = line.split(' ');
    return [`${a} ${b}`, `${b} ${a}`];
  }),
);

/** Whether two names a letter apart are known to be two names (Mario / Marco). */
export function areDifferentNames(a: string, b: string): boolean {
  return closeButDifferent.has(`${a} ${b}`);
}
