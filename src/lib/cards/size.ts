/** Social cards are drawn at the size Open Graph and X/Twitter large-image cards expect. */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
