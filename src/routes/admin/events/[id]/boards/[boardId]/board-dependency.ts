/** What the board page's data depends on; the live follower invalidates it when seats change. */
export const BOARD_DEPENDENCY = 'plenum:admin-board';
