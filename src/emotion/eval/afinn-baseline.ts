/**
 * The reference point for the emotion analyzer: natural's AFINN sentiment, as natural's docs use it
 * (WordTokenizer, then `SentimentAnalyzer('English', PorterStemmer, 'afinn')`); a negative score predicts
 * both anger and anxiety. Measurement only — the bot never calls it.
 */
import { SentimentAnalyzer } from 'natural/lib/natural/sentiment/index.js';
import { PorterStemmer } from 'natural/lib/natural/stemmers/index.js';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/index.js';

export interface AfinnBaseline {
  score(text: string): number;
  predict(text: string): { anger: boolean; anxiety: boolean };
}

export function createAfinnBaseline(): AfinnBaseline {
  const analyzer = new SentimentAnalyzer('English', PorterStemmer, 'afinn');
  const tokenizer = new WordTokenizer();
  const score = (text: string) => {
    const words = tokenizer.tokenize(text) ?? [];
    return words.length ? analyzer.getSentiment(words) : 0;
  };
  return {
    score,
    predict(text) {
      const negative = score(text) < 0;
      return { anger: negative, anxiety: negative };
    },
  };
}
