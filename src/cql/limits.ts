/** The documented maximum length of a placement-constraint expression (BC). */
export const MAX_EXPRESSION_LENGTH = 2000;
