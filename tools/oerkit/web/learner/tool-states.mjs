// The state each toolkit tool keeps in the learner's store (under state.tools.<name>): an empty value and a
// validator that rebuilds it from known fields only. One entry per tool; the store validates, imports and
// merges every entry the same way.

import { idList } from "./fields.mjs";

export const TOOL_STATES = {
  maturity: {
    empty: () => ({ inPlace: [] }),
    validate: (value, where, known) => ({ inPlace: idList(value.inPlace, `${where}.inPlace`, known.policies) }),
  },
};
