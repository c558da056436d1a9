/** Public surface of triage. */
export { createTriage, createRuleTriage, type Triage, type TriageOptions, type SlaDurations } from './triage.js';
export { suggestCategory } from './category-suggester.js';
export { findRisks, type RiskFinding, type RiskKind } from './risk-rules.js';
export { activePromotion, type PromotionWindow } from './promotion-windows.js';
export { createSurgeDetector, DEFAULT_SURGE_LEVELS, DEFAULT_SURGE_WINDOW_MS, type SurgeDetector, type SurgeOptions, type SurgeSubject, type SurgeLevels } from './surge-detector.js';
export * from './triage.types.js';
