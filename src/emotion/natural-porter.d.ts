/** natural ships no types for its stemmer files one by one; english-stemmer.ts imports the Porter stemmer alone. */
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
