/**
 * Every tuning constant of the restorer, in one place. Costs are in nats (−ln P): the decoder
 * maximises ln P_LM(syllables) − channel cost, so one nat here weighs as much as a factor e
 * of language-model probability. Each constant says what it is for and how it was set; a
 * change to any of them is measured with `npm run bench:restore` (docs/restorer.md).
 */

/* ------------------------------------------------------------------------------------------
 * Reading the text: which kind of text is it?
 * ---------------------------------------------------------------------------------------- */

/**
 * Share of letters carrying a Vietnamese mark (tone, breve, circumflex, horn, đ) in correct
 * text, measured on plans: ~0.28. The estimated keep-probability of marks is the text's share
 * divided by this.
 */
export const MARKED_LETTER_SHARE = 0.28;
/** Even in correct text a mark may be missing (typing): the cap keeps dropping possible. */
export const MAX_KEEP = 0.995;
/** Below this keep-probability the text is stripped (no marks to read); above, marks are evidence. */
export const MIN_KEEP = 0.02;
/**
 * Between these keep-probabilities the text is English-model OCR (its marks mostly lost, `é`
 * for the e family): OCR rewrites, merged and split words are tried. Stripped text lies below,
 * correct text and Vietnamese-model OCR above (measured: 000 ≈ 0.2, stripped ≈ 0.02,
 * vie OCR and correct text ≥ 0.9).
 */
export const OCR_MODE_MIN_KEEP = 0.05;
export const OCR_MODE_MAX_KEEP = 0.6;
/**
 * The keep-probability is snapped to one of these levels (nearest on the log-odds scale): a
 * candidate generator and its caches serve every text of one level, so a new text of a kind
 * already seen costs no new set-up, and the number of generators is bounded.
 */
export const KEEP_LEVELS: readonly number[] = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.75, 0.85, 0.92, 0.96, 0.98, 0.995];
/** Above this keep-probability the text's marks are trusted (English-model OCR: ~0.2). */
export const TRUSTED_MARKS = 0.5;
/** Fewer letters than this: too little text to estimate anything; its marks are taken as mostly kept. */
export const MIN_LETTERS_TO_ESTIMATE = 20;
export const SHORT_TEXT_KEEP = 0.9;

/* ------------------------------------------------------------------------------------------
 * Tokens that are not words
 * ---------------------------------------------------------------------------------------- */

/**
 * A token longer than this (UTF-16 units) is never a word (a Vietnamese syllable has at most
 * 7 letters and their marks; merged OCR words reach ~20): it is copied as it is. This bounds
 * the cost of every per-token step (a run of 100,000 combining marks is one such token).
 */
export const MAX_WORD_TOKEN_LENGTH = 40;

/* ------------------------------------------------------------------------------------------
 * Channel (channel.ts): costs of what no learned or generic rule explains
 * ---------------------------------------------------------------------------------------- */

/**
 * Costs of the mark-level channel and of edits no rule explains, in nats. English-model OCR
 * loses marks, rarely letters: the learned `eng` confusions (P(ocr | gold), rendered pages)
 * see a page letter lost ~0.2–0.3 % of the time outside the horned vowels and every letter
 * OCR invents or swaps with no rule behind it rarer still. Insert 4 → 4.5 and substitute
 * 5 → 5.5 (delete stays 4): a 36-page eng tuning set (not the bench's pages) SER 0.0359 → 0.0355
 * (9 pages better, 2 worse), held-out eng pages 0.0274 → 0.0274, 000 0.0330 → 0.0319. Insert
 * 4.5 alone: tuning set 0.0352 but held-out 0.0276; insert and delete 4.5: 0.0357 / 0.0279;
 * 5 and 5: 0.0384 / 0.0284; delete 4.5: 0.0363. A dropped letter is costed the same as before:
 * OCR does drop letters of damaged words, and the search needs the edit to reach them.
 */
export const CHANNEL_COSTS = {
  /** A letter that differs from the page's with no rule for it. */
  substitute: 5.5,
  /** A letter the page did not have. */
  insert: 4.5,
  /** A letter of the page that OCR lost. */
  delete: 4,
  /** A mark the page did not have (or another mark than the page's). */
  wrongMark: 5,
  /** `é` printed for any letter of the e family (the `eng` model's only accented letter). */
  eAcuteForE: 0.5,
} as const;

/* ------------------------------------------------------------------------------------------
 * Candidates (candidates.ts)
 * ---------------------------------------------------------------------------------------- */

/**
 * Candidates kept per token outside English-model OCR. A fold has up to ~24 syllables (`doi`:
 * đối đổi đời đội đòi đôi dời đồi đói đợi dồi đới dõi …); a rare one (`dõi`, almost only in
 * `theo dõi`) ranks low on frequency, so all are kept and those far behind are tried only after
 * a word they often follow (FAR_GAP): held-out tvpl-vanban 99.14 → 99.18 %, dev plans 99.29 → 99.33 %.
 */
export const MAX_CANDIDATES = 24;
/**
 * English-model OCR text: its tokens reach many syllables at similar cost, and a fold alone has
 * up to ~24 (`doi`): at 12 a rare reading ranked low on frequency was cut before the decoder saw
 * it (`theo doi` → `theo đời`). 12 → 20: 36-page eng tuning set SER 0.0352 → 0.0342 (16 pages
 * better, 2 worse), held-out eng pages 0.0265 → 0.0247, 000 0.0307 → 0.0275; 16: 0.0345, 24:
 * 0.0342. Candidates per slot on 000 6.20 → 7.03 (OCR_PRUNE_GAP still bounds the list).
 */
export const MAX_OCR_CANDIDATES = 20;
/**
 * Generic edits reach only into these, to keep OCR repair from inventing words. 7 → 8 with the
 * dearer insertion (CHANNEL_COSTS 4.5): an added letter and a rule of up to 3.5 nats (`trudge`
 * → trước) are in reach again. 36-page eng tuning set SER 0.0355 → 0.0352, held-out eng pages
 * 0.0274 → 0.0265, 000 0.0319 → 0.0307 (8.5 and 9: no better).
 */
export const MAX_EXPANSION_COST = 8;
/** Keeping a token as an unknown word when it reads as known syllables. */
export const UNKNOWN_WORD_COST = 6;
/** Candidates ranked this far (nats of channel and frequency) behind the best are dropped. */
export const PRUNE_GAP = 6;
/** In English-model OCR text (whose candidates come from a wider search): 000 SER 0.0357 vs 0.0371 at 6. */
export const OCR_PRUNE_GAP = 3.5;
/**
 * Marked text (correct text or Vietnamese-model OCR): the weight λ of the learned `vie` mark
 * channel beside the clean one (marks.ts). Measured on held-out fax and office renders read by
 * `vie`: 0.03, 0.1 and 0.3 give restored/raw CER 0.485, 0.482, 0.476; what matters is that
 * near-misses become candidates at all.
 */
export const VIE_MARK_WEIGHT = 0.1;
/**
 * Correct text or OCR? The share of words whose marks the decoder changed (a known syllable
 * read as another marking of its letters): held-out fax pages read by `vie` 0.7–7.8 %, the 35
 * correct dev plans at most 0.14 %. Below this share (or fewer than MIN_MARK_CHANGES changes)
 * the text is correct and those changes are undone.
 */
export const MARK_CHANGE_RATE = 0.003;
export const MIN_MARK_CHANGES = 2;
/**
 * In Vietnamese-model OCR text a near-miss costs 4–6 nats (`chỉ` for chi, `kế` for kể), a
 * double one 10–11 (`thẳng` for tháng: another hat and another tone): such candidates are
 * kept, and the decoder tries every one (no FAR_GAP). vie renders: restored/raw CER 0.476 at a
 * gap of 8, 0.460 at 12 and 16; correct plans unchanged either way.
 */
export const NOISY_PRUNE_GAP = 12;
/** How much a candidate's frequency (ln unigram) counts beside its channel cost in ranking. */
export const RANK_FREQUENCY_WEIGHT = 0.6;
/** A reading this cheap makes keeping an unknown token as it is pointless. */
export const FREE_READING = 0.5;
/** Reading a known non-syllable (foreign word, initials) as itself in OCR text. */
export const OCR_NON_SYLLABLE_COST = 3;

/**
 * Initials that lost their Đ (initials.ts), stripped text only. Each context's counts of D and
 * Đ (register-weighted documents) are smoothed towards the next more general context with
 * this weight, and a D becomes Đ when that estimate is above INITIALS_STROKE_ABOVE. Set on the
 * training part (a quarter of its document segments predicted from the other three, 4 ways):
 * segments with a D right 97.5–98.6 % by occurrence at weights 1, 3 and 10 alike (3 chosen),
 * against 93.2–97.7 % for the abbreviation table alone; thresholds 0.5 and 0.7 alike (0.5:
 * a wrong D and a wrong Đ are one error each).
 */
export const INITIALS_PRIOR_WEIGHT = 3;
export const INITIALS_STROKE_ABOVE = 0.5;

/* ------------------------------------------------------------------------------------------
 * Decoder (decoder.ts)
 * ---------------------------------------------------------------------------------------- */

/** How much the channel counts against the language model. */
export const CHANNEL_WEIGHT = 1;
/** Beam width: OCR lattices are wider and OCR text is short, so it gets more states. */
export const BEAM_STATES = 6;
export const OCR_BEAM_STATES = 10;
/**
 * Starting a sentence where one only may start (a line opening with a capital after a line
 * that ended without a stop), on top of the model's own cost of ending the sentence before it.
 * Measured at −1, 0, 1, 1.5, 2: held-out tvpl-vanban stripped 99.26–99.27 % (99.19 % with no
 * such start), eng renders SER 0.0267–0.0269, dev plans stripped 99.32–99.34 %: the middle.
 */
export const MAYBE_START_COST = 1;
/** Outside OCR text, candidates ranked this far behind are tried only after a likely previous word. */
export const FAR_GAP = 2.5;
/** A far candidate needs at least this ln P(candidate | previous word). */
export const FAR_MIN_BIGRAM = -4;
/** Words after a token that its confidence (local posterior) takes into account. */
export const CONFIDENCE_RIGHT_CONTEXT = 2;
/**
 * An uncertain change (below `minConfidence`) is withheld only when the token as printed has
 * at least this local posterior itself: a stripped `dot` is no reading, and its likeliest
 * reading `đợt` (0.46) beats keeping it.
 */
export const KEEPABLE_IDENTITY = 0.01;
/** <unk> stands for every unknown word at once: one of them is far less likely than the class. */
export const UNK_PENALTY = 4;

/* ------------------------------------------------------------------------------------------
 * Merged and split words (words.ts)
 * ---------------------------------------------------------------------------------------- */

/** A word whose best reading costs more than this is tried as pieces (split words). */
export const SPLIT_ABOVE = 4;
/** What each piece of a split word pays: a split must beat the whole word by that much. */
export const PIECE_PENALTY = 2.5;
/** A piece of a split word must read as a syllable at most this dear. */
export const PIECE_MAX_COST = 2.5;
/** Longest piece tried when splitting a merged word (characters). */
export const MAX_PIECE_LENGTH = 7;
/** Reading a short number or a lone symbol as a syllable, on top of the channel cost (`13` → là). */
export const NUMBER_AS_WORD_COST = 2;

/** OCR rewrites chained per token when generating candidates, and the longest folded variant looked up. */
export const MAX_REWRITES = 2;
export const MAX_VARIANT_LENGTH = 8;

/**
 * Positions per trie node in the OCR search's table of costs seen (ocr-search.ts): tokens up to
 * 63 characters use it (2,085 nodes × 64: 1.6 MB, allocated once), longer ones a map of their own.
 */
export const SEARCH_TABLE_WIDTH = 64;

/* ------------------------------------------------------------------------------------------
 * Names (names.ts)
 * ---------------------------------------------------------------------------------------- */

/** Place names: how many syllables, how dear a syllable's reading may be, and the bonus. */
export const MAX_NAME_SYLLABLES = 4;
export const NAME_MAX_SYLLABLE_COST = 3.5;
export const NAME_MAX_COST_PER_SYLLABLE = 2.5;
export const NAME_BONUS = 3;
/**
 * Changing the marks of a validly marked syllable inside a capitalised run (a person's or a
 * place's name) when the marks are trusted: on top of the channel, so it essentially never
 * happens (the LM prefers common words: `Duy Luân` → `Duy Luận`).
 */
export const NAME_MARK_CHANGE_COST = 12;
/**
 * Lines after a signer's title or an authority mark that may hold the signer's name: scans
 * interleave the signature column with the recipients' list, so the name comes some lines
 * below the title (seed layouts: 3–9 lines).
 */
export const SIGNATURE_BLOCK_LINES = 12;

/* ------------------------------------------------------------------------------------------
 * Document cache (doc-cache.ts)
 * ---------------------------------------------------------------------------------------- */

/** Weight β of the document cache's −ln share (0: one reading only). */
export const CACHE_WEIGHT = 1;
/** Pseudo-count spread over a token's candidates (how much evidence the cache needs). */
export const CACHE_PRIOR = 2;
/**
 * The pair cache (doc-cache.ts): −PAIR_CACHE_WEIGHT · ln of a reading's share among the rest of
 * the document's readings of the same printed pair of words, with PAIR_CACHE_PRIOR spread over
 * the candidates, once at least PAIR_CACHE_MIN_EVIDENCE other readings are there. Measured
 * (stripped → restored, held-out congbao / phapdien / tvpl-vanban / viwiki, 35 dev plans): no
 * pair cache 99.67 / 99.75 / 99.34 / 96.55 / 99.35 %; weight 1, prior 2: 99.70 / 99.74 / 99.34 /
 * 96.59 / 99.40; prior 4: 99.70 / 99.75 / 99.34 / 96.60 / 99.40; and evidence 2: 99.68 / 99.75 /
 * 99.36 / 96.62 / 99.39 (3: 99.66 / 99.76 / 99.36 / 96.61 / 99.38). Weight 0.5: 99.69 / 99.74 /
 * 99.32 / 96.58 / 99.40; weight 2: nom-vn formal_72 98.67 → 98.57 %. OCR rows and correct text
 * unchanged. Counting only groups whose readings disagree: 99.67 / 99.75 / 99.36 / 96.61 / 99.38.
 * In English-model OCR text too (same printed pair, same garble): 36-page eng tuning set SER
 * 0.0338 → 0.0336, held-out eng pages 0.0237 → 0.0237, 000 0.0275 → 0.0252.
 */
export const PAIR_CACHE_WEIGHT = 1;
export const PAIR_CACHE_PRIOR = 4;
export const PAIR_CACHE_MIN_EVIDENCE = 2;
/**
 * The second reading opens the candidates again only around tokens whose first reading the
 * cache disfavours by more than this (nats), within this many slots either side.
 */
export const CACHE_REREAD_ABOVE = 0.5;
export const CACHE_WINDOW = 2;

/* ------------------------------------------------------------------------------------------
 * Caches: every cache of the restorer is bounded (entries), so a long-running process stays flat.
 * ---------------------------------------------------------------------------------------- */

/**
 * The language model's bigram cache (model.ts): 2^bits slots of 8 bytes, direct-mapped (128 KB
 * at 14, so that it stays in the processor's cache). The 35 stripped dev plans ask for 8.4
 * million bigrams, 550,000 of them distinct; 2^14 slots answer 58 % of the asks.
 */
export const BIGRAM_CACHE_BITS = 14;
/** Candidate lists per token and reading mode. */
export const CANDIDATE_CACHE_SIZE = 20_000;
/** Words with their tone placed (syllable.ts), per placement: a text's distinct word forms. */
export const TONE_PLACEMENT_CACHE_SIZE = 20_000;
/** Channel costs of (observed, syllable) pairs asked for by the name reader. */
export const COST_CACHE_SIZE = 20_000;
/**
 * The decoder's scratch arrays (decoder.ts) are kept from call to call up to this many bytes
 * each; a longer text's are its own. 8 MB: the beam of 1.4 million slots (6 states, one byte each).
 */
export const DECODER_SCRATCH_BYTES = 8 << 20;
