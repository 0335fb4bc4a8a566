// Drafts in the browser's own storage (`localStorage` unless the page gives another): one per bank, office and
// period, each the assessment as the form holds it; the last one edited is remembered. Nothing leaves the
// browser. A full or refused storage is not an error: the form goes on, and the assessor can save a file.
const STORE = "fidelity-form:";

export class Drafts {
  constructor(storage, bank) {
    this.storage = storage;
    this.prefix = `${STORE}${bank}:`;
    this.current = null; // the key of the draft on screen
  }

  /** Keeps `assessment` under its office and period. The office or period edited: the draft moves with it. */
  save(assessment) {
    const key = `${this.prefix}${assessment.office.id}:${assessment.period}`;
    try {
      if (this.current && this.current !== key) this.storage.removeItem(this.current);
      this.storage.setItem(key, JSON.stringify({ assessment, saved: new Date().toISOString() }));
      this.storage.setItem(`${this.prefix}last`, key);
      this.current = key;
    } catch {
      // Storage full or refused.
    }
  }

  /** The assessment of a draft (the last one edited by default), which becomes the one on screen. */
  read(key = this.storage.getItem(`${this.prefix}last`)) {
    try {
      const draft = key && JSON.parse(this.storage.getItem(key));
      if (!draft) return null;
      this.current = key;
      this.storage.setItem(`${this.prefix}last`, key);
      return draft.assessment;
    } catch {
      return null;
    }
  }

  /** Another assessment comes on screen (a file, an assessment set): its draft starts apart. */
  detach() {
    this.current = null;
  }

  /** Every draft of this bank, the newest first: key, office, period, when saved. */
  list() {
    const out = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key.startsWith(this.prefix) || key === `${this.prefix}last`) continue;
      try {
        const { assessment: a, saved } = JSON.parse(this.storage.getItem(key));
        out.push({ key, office: a.office.id, period: a.period, saved });
      } catch {
        // Not a draft of this form: left alone.
      }
    }
    return out.sort((a, b) => (a.saved < b.saved ? 1 : -1));
  }

  /** Removes the draft on screen. */
  discard() {
    if (this.current) this.storage.removeItem(this.current);
    this.storage.removeItem(`${this.prefix}last`);
    this.current = null;
  }
}
