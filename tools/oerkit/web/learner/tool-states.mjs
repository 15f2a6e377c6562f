// The state each toolkit tool keeps in the learner's store (under state.tools.<name>): an empty value and a
// validator that rebuilds it from known fields only. One entry per tool; the store validates, imports and
// merges every entry the same way.

import { DYNAMICS_STATE } from "./dynamics.mjs";
import { idList } from "./fields.mjs";
import { PORTAL_STATE } from "./portal.mjs";
import { validateRaters } from "./risk.mjs";

export const TOOL_STATES = {
  dynamics: DYNAMICS_STATE,
  maturity: {
    empty: () => ({ inPlace: [] }),
    validate: (value, where, known) => ({ inPlace: idList(value.inPlace, `${where}.inPlace`, known.policies) }),
  },
  portal: PORTAL_STATE,
  risk: {
    empty: () => ({ raters: [] }),
    validate: (value, where, known) => ({ raters: validateRaters(value.raters, `${where}.raters`, known.scenarios) }),
  },
};
