/**
 * How long a disconnected socket's state is kept for connection state recovery: a phone back
 * within two minutes (a tunnel, a lift, a lock screen) replays what it missed; later it loads a
 * fresh snapshot. Scaled out, the Redis broadcast history keeps no more than this (G4).
 */
export const RECOVERY_WINDOW_MS = 2 * 60_000;
